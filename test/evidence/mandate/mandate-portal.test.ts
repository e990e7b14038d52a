import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as client from 'openid-client';
import type { AppContext } from '../../../src/context.js';
import { demoAuthorities } from '../../../src/demo/authority/authorities.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from '../../../src/demo/authority/server.js';
import { createDemoIdpServer, type DemoIdpServer } from '../../../src/demo/idp/server.js';
import { clearIssuerKeysCache } from '../../../src/evidence/authority/issuer-keys.js';
import { requesterJwksPath } from '../../../src/evidence/authority/protocol.js';
import { requesterJwksFeature } from '../../../src/evidence/authority/requester-jwks.js';
import { evidenceFeature, type EvidenceFeature } from '../../../src/evidence/feature.js';
import { samlConnector } from '../../../src/inbound/saml/index.js';
import { openIdProvider } from '../../../src/outbound/oidc/index.js';
import { startPasserelle, type RunningPasserelle } from '../../../src/runtime.js';
import type { Feature } from '../../../src/web/app.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { freePort } from '../../support/ports.js';
import { csrfOf, TestBrowser } from '../support/browser.js';
import { drive, hiddenField } from '../support/driver.js';

function passerelleFeatures(): Feature[] {
  return [requesterJwksFeature, (app, ctx: AppContext) => {
    const late: { evidence?: EvidenceFeature } = {};
    const op = openIdProvider(ctx, { adapter: () => saml.adapter, evidence: () => late.evidence?.interaction });
    const saml = samlConnector(ctx, op.handOff);
    late.evidence = evidenceFeature(ctx, { oidc: op });
    op.feature(app, ctx);
    saml.feature(app, ctx);
    late.evidence.mount(app);
  }];
}

const kitaSecret = 'demo-bremerhaven-secret-0123456789abcdef';
const kitaCallback = 'http://127.0.0.1:9/kita/callback';
const actForChild = { type: 'representation', procedure: 'kindergarten-application' };

interface MandateView { status: string; represented: Record<string, string>; representative: Record<string, string> }

describe('evidence/mandate: a portal asks for a mandate with authorization_details, over the real OpenID Provider', function () {
  this.timeout(120_000);
  let url: string;
  let database: TestDatabase;
  let idp: DemoIdpServer;
  let authorities: RunningDemoAuthorities;
  let passerelle: RunningPasserelle;
  let kita: client.Configuration;
  const keyDirs: string[] = [];

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const tmp = (prefix: string) => { const dir = mkdtempSync(path.join(os.tmpdir(), prefix)); keyDirs.push(dir); return dir; };
    idp = await createDemoIdpServer({ keysDirectory: tmp('mandate-idp-'), port: 0, spMetadataUrl: `${url}/saml/metadata`, countries: ['IT'] });
    authorities = await createDemoAuthorityServer({ port: 0, keysDirectory: tmp('mandate-authorities-'), passerelleJwksUrl: url + requesterJwksPath });
    database = await createTestDatabase();
    passerelle = await startPasserelle(testConfig({
      publicUrl: url,
      countries: [{ code: 'IT', names: { it: 'Italia', en: 'Italy' }, languages: ['it'], idp: { metadataUrl: `${idp.url}/it/metadata`, allowInsecureMetadataUrl: true } }],
      portals: [{
        clientId: 'bremerhaven-kita', name: { de: 'Kita-Anmeldung Bremerhaven', en: 'Bremerhaven kindergarten application' },
        clientSecret: kitaSecret, redirectUris: [kitaCallback], allowedClaims: ['given_name', 'family_name', 'birthdate'],
        evidence: [{ type: 'family-composition', procedure: 'kindergarten-application' }],
        representation: [{ procedure: 'kindergarten-application', purpose: { en: 'Kindergarten place for your child' } }],
      }],
      issuingAuthorities: demoAuthorities.map((a) => ({
        id: a.id, country: a.country, name: { en: a.name.en }, url: authorities.issuers[a.id]!, evidenceTypes: [...a.evidenceTypes], allowInsecureUrl: true,
      })),
      evidence: { defaultConsentDays: 90, purgeIntervalSeconds: 0 },
    }), { features: passerelleFeatures(), port, host: '127.0.0.1', db: database.db });
    kita = await client.discovery(new URL(`${url}/oidc`), 'bremerhaven-kita', undefined, client.ClientSecretBasic(kitaSecret), { execute: [client.allowInsecureRequests] });
  });

  after(async () => {
    await passerelle?.close();
    await idp?.close();
    await authorities?.close();
    await database?.cleanup();
    clearIssuerKeysCache();
    for (const dir of keyDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function authorize(details: unknown[]) {
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const href = client.buildAuthorizationUrl(kita, {
      redirect_uri: kitaCallback, scope: 'openid profile', state, country: 'IT', code_challenge_method: 'S256',
      code_challenge: await client.calculatePKCECodeChallenge(verifier), authorization_details: JSON.stringify(details),
    }).href;
    return { href, verifier, state };
  }

  it('Giulia logs in, previews and gives the mandate; the portal\'s token carries its id and the API names Sofia as represented; revocation stops the next use', async () => {
    const parent = new TestBrowser(url);
    const request = await authorize([actForChild]);
    let page = await drive(parent, await parent.get(request.href), request.href);
    page = await drive(parent, await parent.post(`${idp.url}/it/login`, { login: hiddenField(page.body, 'login'), citizen: 'it-giulia-rossi', loa: 'substantial' }), `${idp.url}/it/login`);
    const consentAction = /action="(\/interaction\/[^"]+\/consent)"/.exec(page.body)![1]!;
    page = await drive(parent, await parent.post(consentAction, { _csrf: hiddenField(page.body, '_csrf'), decision: 'share' }), url + consentAction);
    assert.match(page.url, /\/evidence\/flow\/[0-9a-f-]{36}$/);
    assert.ok(page.body.includes('Act for your child'));
    const flow = new URL(page.url).pathname;

    page = await drive(parent, await parent.post(`${flow}/items/0/request`, { csrf: csrfOf(page.body) }), url + flow);
    assert.ok(page.url.endsWith('/items/0/preview'));
    assert.ok(page.body.includes('Sofia Bianchi') && page.body.includes('Kindergarten place for your child'));
    const done = await drive(parent, await parent.post(`${flow}/share`, { csrf: csrfOf(page.body), days: '1', child_0: '0' }), url + flow, (u) => u.startsWith(kitaCallback));
    assert.ok(done.stoppedAt, `the flow should end at the portal, ended at ${done.url}`);

    const tokens = await client.authorizationCodeGrant(kita, new URL(done.stoppedAt!), { pkceCodeVerifier: request.verifier, expectedState: request.state });
    const details = tokens.authorization_details as unknown as Array<{ type: string; procedure: string; mandate_id: string }>;
    assert.equal(details.length, 1);
    assert.deepEqual([details[0]!.type, details[0]!.procedure], ['representation', 'kindergarten-application']);
    const userinfo = await client.fetchUserInfo(kita, tokens.access_token, tokens.claims()!.sub);
    assert.deepEqual([userinfo.given_name, userinfo.family_name], ['Giulia', 'Rossi'], 'userinfo names the parent who logged in');

    const api = (part = '') => fetch(`${url}/api/evidence/mandates/${details[0]!.mandate_id}${part}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    const view = await (await api()).json() as MandateView;
    assert.equal(view.status, 'active');
    assert.deepEqual(view.represented, { given_name: 'Sofia', family_name: 'Bianchi', birthdate: '2022-09-03' });
    assert.deepEqual(view.representative, { given_name: 'Giulia', family_name: 'Rossi', birthdate: '1988-04-12' });
    assert.equal((await api('/attestation')).headers.get('content-type'), 'application/dc+sd-jwt; charset=utf-8');
    // A portal polling the mandate: every read answered, one tracker row for the window plus its count.
    for (let n = 0; n < 20; n += 1) assert.equal((await api()).status, 200);

    const me = await drive(parent, await parent.get('/me'), `${url}/me`);
    assert.ok(me.body.includes(`href="/me/mandates/${details[0]!.mandate_id}/revoke"`));
    const confirm = await drive(parent, await parent.get(`/me/mandates/${details[0]!.mandate_id}/revoke`), `${url}/me`);
    const revoke = await parent.post(`/me/mandates/${details[0]!.mandate_id}/revoke`, { csrf: csrfOf(confirm.body) });
    assert.equal(revoke.status, 303);
    for (let n = 0; n < 5; n += 1) {
      const refused = await api();
      assert.equal(refused.status, 403);
      assert.equal((await refused.json() as { error: string }).error, 'mandate_inactive');
    }

    const rows = async () => {
      const tracker = await (await parent.get('/me/tracker.json')).json() as { integrity: { intact: boolean }; rows: Array<{ event: string; outcome: string; detail: string | null; count?: number | null }> };
      assert.equal(tracker.integrity.intact, true, 'the chain verifies with the counted rows in it');
      return tracker.rows.reverse().map((r) => `${r.event}:${r.outcome}:${r.detail ?? '-'}${r.count ? ` x${r.count}` : ''}`);
    };
    // Viewing /me or the tracker seals the open windows: the repeats enter the chain as counted rows.
    const sealed = [
      'requested:ok:-', 'fetched:ok:-', 'mandate_issued:ok:parent', 'mandate_used:ok:metadata', 'mandate_used:ok:attestation',
      'mandate_used:ok:metadata x20', 'mandate_revoked:ok:-', 'mandate_used:refused:metadata:revoked', 'mandate_used:refused:metadata:revoked x4',
    ];
    assert.deepEqual(await rows(), sealed, 'many identical reads are one row plus one counted row; refusals stay recorded and counted apart');
    assert.equal((await api()).status, 403);
    assert.equal((await rows()).length, sealed.length + 1, 'after a seal the next identical read opens a new window');
  });

  it('W-36 refuses representation details the portal is not registered for, or not shaped as documented (invalid_authorization_details at the redirect URI)', async () => {
    for (const details of [
      [{ type: 'representation', procedure: 'census-registration' }],
      [{ type: 'representation', procedure: 'kindergarten-application', child: 'Sofia' }],
      [actForChild, actForChild],
    ]) {
      const request = await authorize(details);
      const response = await fetch(request.href, { redirect: 'manual' });
      const location = new URL(response.headers.get('location') ?? '', url);
      assert.equal(location.origin + location.pathname, kitaCallback, JSON.stringify(details));
      assert.equal(location.searchParams.get('error'), 'invalid_authorization_details', JSON.stringify(details));
      assert.equal(location.searchParams.get('code'), null);
    }
  });
});
