import assert from 'node:assert/strict';
import type { Express, Request, Response } from 'express';
import * as client from 'openid-client';
import { citizenKey } from '../../../src/core/citizen-key.js';
import type { EvidenceBeginInput, EvidenceInteractionPort } from '../../../src/evidence/ports.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TestBrowser } from './support/browser.js';
import { testCitizen } from './support/citizens.js';
import { loginInBrowser, rpConfig, startAuthorization, toPortal } from './support/flow.js';
import { startOidcServer, type OidcTestServer } from './support/harness.js';

const familyComposition = { type: 'evidence', evidence_type: 'family-composition', procedure: 'kindergarten-application', purpose: 'Kita place' };

/** The evidence feature's double: begin() sends the browser to a page whose link decides. */
class FakeEvidence implements EvidenceInteractionPort {
  readonly begun: EvidenceBeginInput[] = [];
  async begin(_req: Request, res: Response, input: EvidenceBeginInput): Promise<void> {
    this.begun.push(input);
    res.redirect(303, `/fake-evidence/${input.interactionUid}`);
  }
}

describe('OpenID Provider: evidence authorization details and the evidence hook', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  const evidence = new FakeEvidence();
  let decision = 'share';

  before(async () => {
    database = await createTestDatabase();
    server = await startOidcServer({
      db: database.db,
      evidence,
      extraFeatures: [(op) => (app: Express) => {
        app.get('/fake-evidence/:uid', async (req, res) => {
          const uid = String(req.params.uid);
          const input = evidence.begun.find((b) => b.interactionUid === uid);
          if (decision === 'decline' || !input) return op.completeEvidenceStep(req, res, uid, { decision: 'declined' });
          const consents = input.details.map((detail, i) => ({ detail: decision === 'tamper' ? { ...detail, procedure: 'other' } : detail, consentId: `consent-${i}` }));
          return op.completeEvidenceStep(req, res, uid, { decision: 'shared', consents });
        });
      }],
    });
  });
  beforeEach(() => { decision = 'share'; });
  after(async () => {
    await server.close();
    await database.cleanup();
  });

  async function evidenceLogin(details: unknown[] = [familyComposition], browser = new TestBrowser()) {
    const config = await rpConfig(server.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', { country: 'IT', authorization_details: JSON.stringify(details) });
    const login = await loginInBrowser(browser, start);
    return { config, start, login, browser };
  }

  it('after identity consent hands the citizen to the evidence feature, then the access token carries the consented details', async () => {
    const { config, start, login } = await evidenceLogin();
    const consentPage = login.pages.at(-1)!;
    assert.match(consentPage.body, /Next, Kindergarten asks for documents/);
    assert.doesNotMatch(consentPage.body, /Remember my decision/, 'evidence consent is never remembered');
    const begun = evidence.begun.at(-1)!;
    const citizen = testCitizen('IT');
    assert.equal(begun.clientId, 'kita');
    assert.equal(begun.citizenKey, citizenKey(citizen.personIdentifier, server.ctx.config.secrets.pairwiseSecret));
    assert.equal(begun.citizen.familyName, citizen.familyName);
    assert.deepEqual(begun.details, [familyComposition]);
    assert.equal(begun.lang, 'en');
    const tokens = await client.authorizationCodeGrant(config, login.callback, { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    assert.deepEqual(tokens.authorization_details, [{ ...familyComposition, consent_id: 'consent-0' }]);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    assert.equal(userinfo.family_name, citizen.familyName, 'the same access token serves userinfo');
    const info = await server.op.introspectAccessToken(tokens.access_token);
    assert.equal(info?.clientId, 'kita');
    assert.equal(info?.citizenKey, begun.citizenKey);
    assert.deepEqual(info?.authorizationDetails, [{ ...familyComposition, consent_id: 'consent-0' }]);
    assert.ok(info!.expiresAt > Date.now() && info!.expiresAt <= Date.now() + 600_000);
    assert.equal(await server.op.introspectAccessToken('not-a-token'), undefined);
    assert.equal(await server.op.introspectAccessToken('A'.repeat(43)), undefined);
  });

  const consentPages = (login: { pages: Array<{ body: string }> }) => login.pages.filter((page) => /action="\/interaction\/[^"]+\/consent"/.test(page.body));

  it('skips the identity-consent page for an evidence request whose claims the citizen released to this portal in this session', async () => {
    const browser = new TestBrowser();
    const config = await rpConfig(server.issuer, 'kita');
    const first = await loginInBrowser(browser, await startAuthorization(config, 'kita'));
    assert.equal(consentPages(first).length, 1, 'the login itself asks');
    const begunBefore = evidence.begun.length;
    const start = await startAuthorization(config, 'kita', { authorization_details: JSON.stringify([familyComposition]) });
    const login = await loginInBrowser(browser, start);
    assert.deepEqual(consentPages(login), [], 'no second identity-consent page');
    assert.equal(evidence.begun.length, begunBefore + 1, 'straight to the evidence step');
    const tokens = await client.authorizationCodeGrant(config, login.callback, { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    assert.deepEqual(tokens.authorization_details, [{ ...familyComposition, consent_id: 'consent-0' }]);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    assert.equal(userinfo.family_name, testCitizen('IT').familyName, 'the claims released in the session are the ones the token serves');

    const again = await loginInBrowser(browser, await startAuthorization(config, 'kita', { authorization_details: JSON.stringify([familyComposition]) }));
    assert.deepEqual(consentPages(again), [], 'nor after an evidence step');
    const otherSession = await loginInBrowser(new TestBrowser(), await startAuthorization(config, 'kita', { authorization_details: JSON.stringify([familyComposition]) }));
    assert.equal(consentPages(otherSession).length, 1, 'another session asks');
  });

  it('shows the identity-consent page again when the evidence request asks for claims not yet released, or for consent explicitly', async () => {
    const browser = new TestBrowser();
    const config = await rpConfig(server.issuer, 'kita');
    const first = await loginInBrowser(browser, await startAuthorization(config, 'kita', { scope: 'openid' }));
    assert.equal(consentPages(first).length, 1);
    const details = JSON.stringify([familyComposition]);
    const wider = await loginInBrowser(browser, await startAuthorization(config, 'kita', { authorization_details: details }));
    assert.equal(consentPages(wider).length, 1, 'profile was not released before: asked');
    assert.match(consentPages(wider)[0]!.body, /Family name/);
    assert.match(consentPages(wider)[0]!.body, /Next, Kindergarten asks for documents/);
    const explicit = await loginInBrowser(browser, await startAuthorization(config, 'kita', { authorization_details: details, prompt: 'consent' }));
    assert.equal(consentPages(explicit).length, 1, 'prompt=consent is honoured');
    const covered = await loginInBrowser(browser, await startAuthorization(config, 'kita', { authorization_details: details }));
    assert.deepEqual(consentPages(covered), [], 'once released, the same claims are not asked again in the session');
  });

  it('a later authorization without evidence does not carry earlier evidence consents', async () => {
    const browser = new TestBrowser();
    await evidenceLogin([familyComposition], browser);
    const config = await rpConfig(server.issuer, 'kita');
    const start = await startAuthorization(config, 'kita');
    const login = await loginInBrowser(browser, start);
    const tokens = await client.authorizationCodeGrant(config, login.callback, { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    assert.equal(tokens.authorization_details, undefined);
    assert.deepEqual((await server.op.introspectAccessToken(tokens.access_token))?.authorizationDetails, []);
  });

  it('a declined evidence step reaches the portal as access_denied; the decision cannot be replayed', async () => {
    decision = 'decline';
    const { login } = await evidenceLogin();
    assert.equal(login.callback.searchParams.get('error'), 'access_denied');
    assert.equal(login.callback.searchParams.get('iss'), server.issuer);
    const uid = evidence.begun.at(-1)!.interactionUid;
    const replay = await fetch(`${server.url}/fake-evidence/${uid}`, { redirect: 'manual' });
    assert.equal(replay.status, 400);
  });

  it('a completion naming evidence that was not requested fails closed', async () => {
    decision = 'tamper';
    const { login } = await evidenceLogin();
    assert.equal(login.callback.searchParams.get('error'), 'server_error');
    assert.equal(login.callback.searchParams.get('code'), null);
  });

  it('refuses evidence the portal is not registered for, and details with unknown members', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    for (const details of [
      [{ type: 'evidence', evidence_type: 'residence', procedure: 'kindergarten-application' }],
      [{ type: 'evidence', evidence_type: 'family-composition', procedure: 'tax-return' }],
      [{ ...familyComposition, consent_id: 'forged' }],
      [{ type: 'evidence', evidence_type: 'family composition!', procedure: 'kindergarten-application' }],
    ]) {
      const start = await startAuthorization(config, 'kita', { authorization_details: JSON.stringify(details) });
      const browser = new TestBrowser();
      const answer = await browser.follow(await browser.get(start.url.href), toPortal(start.redirectUri));
      assert.equal(new URL(answer.stoppedAt!).searchParams.get('error'), 'invalid_authorization_details', JSON.stringify(details));
    }
  });

  it('completeEvidenceStep for an unknown interaction is an error page', async () => {
    const response = await fetch(`${server.url}/fake-evidence/unknown-uid`, { redirect: 'manual' });
    assert.equal(response.status, 400);
  });
});
