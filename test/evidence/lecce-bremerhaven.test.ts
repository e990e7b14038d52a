import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as client from 'openid-client';
import type { AppContext } from '../../src/context.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from '../../src/demo/authority/server.js';
import { demoAuthorities } from '../../src/demo/authority/authorities.js';
import { createDemoIdpServer, type DemoIdpServer } from '../../src/demo/idp/server.js';
import { clearIssuerKeysCache } from '../../src/evidence/authority/issuer-keys.js';
import { requesterJwksPath } from '../../src/evidence/authority/protocol.js';
import { requesterJwksFeature } from '../../src/evidence/authority/requester-jwks.js';
import { evidenceFeature, type EvidenceFeature } from '../../src/evidence/feature.js';
import type { VerificationReport } from '../../src/evidence/verify/report.js';
import { samlConnector } from '../../src/inbound/saml/index.js';
import { openIdProvider } from '../../src/outbound/oidc/index.js';
import { startPasserelle, type RunningPasserelle } from '../../src/runtime.js';
import type { Feature } from '../../src/web/app.js';
import { testConfig } from '../support/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { csrfOf, TestBrowser } from './support/browser.js';
import { drive, hiddenField } from './support/driver.js';
import { freePort } from '../support/ports.js';


/** Passerelle as the lead wires it: OpenID Provider, eIDAS SAML connector, evidence. */
function passerelleFeatures(): Feature[] {
  return [requesterJwksFeature, (app, ctx: AppContext) => {
    // Two-phase wiring: the OP takes the adapter and the evidence hook lazily.
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
const familyComposition = { type: 'evidence', evidence_type: 'family-composition', procedure: 'kindergarten-application', purpose: 'Kindergarten place application' };

describe('the Lecce → Bremerhaven story, end to end over real HTTP', function () {
  this.timeout(120_000);
  let url: string;
  let database: TestDatabase;
  let idp: DemoIdpServer;
  let authorities: RunningDemoAuthorities;
  let passerelle: RunningPasserelle;
  const keyDirs: string[] = [];

  before(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const tmp = (prefix: string) => { const dir = mkdtempSync(path.join(os.tmpdir(), prefix)); keyDirs.push(dir); return dir; };
    idp = await createDemoIdpServer({ keysDirectory: tmp('lecce-idp-'), port: 0, spMetadataUrl: `${url}/saml/metadata`, countries: ['IT'] });
    authorities = await createDemoAuthorityServer({ port: 0, keysDirectory: tmp('lecce-authorities-'), passerelleJwksUrl: url + requesterJwksPath });
    database = await createTestDatabase();
    passerelle = await startPasserelle(testConfig({
      publicUrl: url,
      countries: [{ code: 'IT', names: { it: 'Italia', en: 'Italy' }, languages: ['it'], idp: { metadataUrl: `${idp.url}/it/metadata`, allowInsecureMetadataUrl: true } }],
      portals: [{
        clientId: 'bremerhaven-kita', name: { de: 'Kita-Anmeldung Bremerhaven', en: 'Bremerhaven kindergarten application' },
        clientSecret: kitaSecret, redirectUris: [kitaCallback], allowedClaims: ['given_name', 'family_name', 'birthdate'],
        evidence: [{ type: 'family-composition', procedure: 'kindergarten-application', purpose: { en: 'Kindergarten place application' } }],
      }],
      issuingAuthorities: demoAuthorities.map((a) => ({
        id: a.id, country: a.country, name: { en: a.name.en }, url: authorities.issuers[a.id]!, evidenceTypes: [...a.evidenceTypes], allowInsecureUrl: true,
      })),
      evidence: { defaultConsentDays: 90, purgeIntervalSeconds: 0 },
    }), { features: passerelleFeatures(), port, host: '127.0.0.1', db: database.db });
  });

  after(async () => {
    await passerelle?.close();
    await idp?.close();
    await authorities?.close();
    await database?.cleanup();
    clearIssuerKeysCache();
    for (const dir of keyDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('login with the Italian eID, preview, share, download, verify, withdraw, refused, withdrawn, all in the tracker', async () => {
    const parent = new TestBrowser(url);
    const atPortal = (location: string) => location.startsWith(kitaCallback);

    // The kindergarten portal asks for the family-composition certificate.
    const kita = await client.discovery(new URL(`${url}/oidc`), 'bremerhaven-kita', undefined, client.ClientSecretBasic(kitaSecret), { execute: [client.allowInsecureRequests] });
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const authorize = client.buildAuthorizationUrl(kita, {
      redirect_uri: kitaCallback, scope: 'openid profile', state, country: 'IT', code_challenge_method: 'S256',
      code_challenge: await client.calculatePKCECodeChallenge(verifier), authorization_details: JSON.stringify([familyComposition]),
    });

    // The parent logs in at the Italian demo IdP.
    let page = await drive(parent, await parent.get(authorize.href), authorize.href);
    assert.match(page.url, new RegExp(`^${idp.url}/it/`), page.body.slice(0, 300));
    page = await drive(parent, await parent.post(`${idp.url}/it/login`, { login: hiddenField(page.body, 'login'), citizen: 'it-giulia-rossi', loa: 'substantial' }), `${idp.url}/it/login`);

    // Identity consent at Passerelle, then the evidence step.
    assert.match(page.body, /action="\/interaction\/[^"]+\/consent"/, page.body.slice(0, 500));
    const consentAction = /action="(\/interaction\/[^"]+\/consent)"/.exec(page.body)![1]!;
    page = await drive(parent, await parent.post(consentAction, { _csrf: hiddenField(page.body, '_csrf'), decision: 'share' }), url + consentAction);
    assert.match(page.url, /\/evidence\/flow\/[0-9a-f-]{36}$/);
    assert.ok(page.body.includes('Certificato di stato di famiglia'));
    const flow = new URL(page.url).pathname;

    // Explicit request, preview, share.
    page = await drive(parent, await parent.post(`${flow}/items/0/request`, { csrf: csrfOf(page.body) }), url + flow);
    assert.ok(page.url.endsWith('/items/0/preview'));
    assert.ok(page.body.includes('Sofia') && page.body.includes('Bianchi'));
    const overview = await (await parent.get(flow)).text();
    const done = await drive(parent, await parent.post(`${flow}/share`, { csrf: csrfOf(overview), days: '90' }), url + flow, atPortal);
    assert.ok(done.stoppedAt, `the flow should end at the portal, ended at ${done.url}`);

    // The portal redeems the code: the token carries the consent.
    const tokens = await client.authorizationCodeGrant(kita, new URL(done.stoppedAt!), { pkceCodeVerifier: verifier, expectedState: state });
    const details = tokens.authorization_details as unknown as Array<{ consent_id: string; evidence_type: string }>;
    assert.equal(details[0]!.evidence_type, 'family-composition');
    const consentId = details[0]!.consent_id;
    const api = (part: string) => fetch(`${url}/api/evidence/shares/${consentId}${part}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });

    // The portal downloads what was shared.
    const documentResponse = await api('/document');
    assert.equal(documentResponse.status, 200);
    const document = Buffer.from(await documentResponse.arrayBuffer());
    assert.equal(document.subarray(0, 5).toString(), '%PDF-');
    const attestation = await (await api('/attestation')).text();
    const credential = await (await api('/credential')).text();

    // An official verifies: valid.
    const verify = async (): Promise<VerificationReport> => (await (await fetch(`${url}/api/verify`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ attestation, credential, document: document.toString('base64') }),
    })).json()) as VerificationReport;
    const first = await verify();
    assert.deepEqual([first.valid, first.status, first.credential?.signature, first.document?.matches_credential], [true, 'valid', 'passed', true]);

    // The parent withdraws on her dashboard (her Passerelle session from the login).
    const dashboard = await drive(parent, await parent.get('/me'), `${url}/me`);
    assert.equal(new URL(dashboard.url).pathname, '/me');
    assert.ok(dashboard.body.includes('Bremerhaven kindergarten application'));
    const confirmation = await (await parent.get(`/me/consents/${consentId}/withdraw`)).text();
    const withdrawn = await parent.post(`/me/consents/${consentId}/withdraw`, { csrf: csrfOf(confirmation) });
    assert.equal(withdrawn.status, 303);

    // The portal's next download is refused, and /verify shows withdrawn.
    const refused = await api('/document');
    assert.equal(refused.status, 403);
    assert.equal((await refused.json() as { error: string }).error, 'consent_required');
    const second = await verify();
    assert.deepEqual([second.valid, second.status], [false, 'withdrawn']);
    const verifyPage = await (await fetch(`${url}/verify?share=${consentId}`)).text();
    assert.ok(verifyPage.includes('consent withdrawn'));

    // The tracker lists every step, and its chain is intact.
    const tracker = await (await parent.get('/me/tracker.json')).json() as { integrity: { intact: boolean }; rows: Array<{ event: string; outcome: string }> };
    assert.equal(tracker.integrity.intact, true);
    assert.deepEqual(tracker.rows.reverse().map((r) => `${r.event}:${r.outcome}`), [
      'requested:ok', 'fetched:ok', 'shared:ok', 'portal_access:ok', 'portal_access:ok', 'portal_access:ok',
      'verified:ok', 'withdrawn:ok', 'portal_access:refused', 'verified:refused', 'verified:refused',
    ]);
  });
});
