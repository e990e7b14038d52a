import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { citizenKey, pairwiseSubject } from '../../../src/core/citizen-key.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TestBrowser } from './support/browser.js';
import { testCitizen } from './support/citizens.js';
import { fullLogin, rpConfig, startAuthorization, loginInBrowser } from './support/flow.js';
import { startOidcServer, type OidcTestServer } from './support/harness.js';

describe('OpenID Provider: full flows with openid-client as the portal', () => {
  let database: TestDatabase;
  let server: OidcTestServer;

  before(async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db });
  });
  after(async () => {
    await server.close();
    await database.cleanup();
  });

  it('publishes discovery with code flow, S256 PKCE, iss, eIDAS acr values and no "none" algorithm', async () => {
    const response = await fetch(server.issuer + '/.well-known/openid-configuration');
    const meta = await response.json() as Record<string, unknown>;
    assert.equal(meta.issuer, server.issuer);
    assert.deepEqual(meta.response_types_supported, ['code']);
    assert.deepEqual(meta.code_challenge_methods_supported, ['S256']);
    assert.equal(meta.authorization_response_iss_parameter_supported, true);
    assert.deepEqual(meta.acr_values_supported, ['http://eidas.europa.eu/LoA/low', 'http://eidas.europa.eu/LoA/substantial', 'http://eidas.europa.eu/LoA/high']);
    assert.ok((meta.id_token_signing_alg_values_supported as string[]).includes('RS256'));
    assert.ok(!(meta.id_token_signing_alg_values_supported as string[]).includes('none'));
    assert.ok((meta.scopes_supported as string[]).includes('eidas'));
    assert.deepEqual(meta.subject_types_supported, ['public', 'pairwise']);
    assert.ok(meta.end_session_endpoint);
    assert.equal(meta.backchannel_logout_supported, true);
  });

  for (const country of ['IT', 'DE', 'ES', 'RS']) {
    it(`logs a citizen of ${country} in: ID token, userinfo, pairwise sub, acr = asserted LoA`, async () => {
      const config = await rpConfig(server.issuer, 'kita');
      const { tokens, claims, login } = await fullLogin(config, 'kita', { country });
      const citizen = testCitizen(country);
      const sector = 'rp-kita.test';
      const expectedSub = pairwiseSubject(citizenKey(citizen.personIdentifier, server.ctx.config.secrets.pairwiseSecret), sector, server.ctx.config.secrets.pairwiseSecret);
      assert.equal(login.callback.searchParams.get('iss'), server.issuer);
      assert.equal(claims.iss, server.issuer);
      assert.equal(claims.aud, 'kita');
      assert.equal(claims.sub, expectedSub);
      assert.equal(claims.acr, `http://eidas.europa.eu/LoA/${server.adapter.requests.at(-1)!.minimumLoa}`);
      assert.deepEqual(claims.amr, ['eidas']);
      assert.equal(claims.eidas_country, country);
      assert.equal(typeof claims.auth_time, 'number');
      // Claims of other scopes go to userinfo only.
      assert.equal(claims.given_name, undefined);
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.equal(userinfo.given_name, citizen.givenName);
      assert.equal(userinfo.family_name, citizen.familyName);
      assert.equal(userinfo.birthdate, citizen.dateOfBirth);
      assert.equal(userinfo.gender, citizen.gender!.toLowerCase());
      assert.equal(userinfo.eidas_person_identifier, undefined);
    });
  }

  // Known answers, frozen as literals: a change anywhere in PersonIdentifier → citizen key → pairwise or
  // public sub must fail here rather than give every citizen a new account at every portal.
  it('gives IT/DE/RSSGLI88D52E506C the same pairwise sub at the kindergarten portal as always (known answer)', async () => {
    const { claims } = await fullLogin(await rpConfig(server.issuer, 'kita'), 'kita', { country: 'IT' });
    assert.equal(claims.sub, 'Eq2t1zM_Xy1XaTvn04dWFj3VUW0c_V40XW5zrgW9jKA');
  });

  it('gives ES/DE/53864217B the same public sub at the census portal as always (known answer)', async () => {
    const { claims } = await fullLogin(await rpConfig(server.issuer, 'padron'), 'padron', { country: 'ES' });
    assert.equal(claims.sub, '91rHIyXCrDxGao3L3wbSNBdPBLfxtnX0InN10oV0w8E');
  });

  it('releases eIDAS claims only to a portal allowed to receive them, with a public sub where configured', async () => {
    const config = await rpConfig(server.issuer, 'padron');
    const { tokens, claims } = await fullLogin(config, 'padron', { country: 'ES', params: { scope: 'openid profile eidas address' } });
    const citizen = testCitizen('ES');
    assert.equal(claims.sub, citizenKey(citizen.personIdentifier, server.ctx.config.secrets.pairwiseSecret));
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(userinfo.eidas_person_identifier, citizen.personIdentifier);
    assert.deepEqual(userinfo.nationalities, ['ES']);
    assert.equal(userinfo.gender, undefined, 'gender is not in padron\'s allowed claims');
    assert.equal(userinfo.place_of_birth, undefined);
    assert.equal((userinfo.address as { postal_code?: string }).postal_code, citizen.currentAddress!.postCode);
  });

  it('logs a public client in with PKCE alone', async () => {
    const config = await rpConfig(server.issuer, 'spa');
    const { tokens, claims } = await fullLogin(config, 'spa', { country: 'DE' });
    assert.equal(claims.aud, 'spa');
    assert.ok(tokens.access_token);
  });

  it('skips the country page when the portal passes a country hint (parameter or login_hint)', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    for (const params of [{ country: 'ES' }, { login_hint: 'country:ES' }] as Array<Record<string, string>>) {
      const browser = new TestBrowser();
      const start = await startAuthorization(config, 'kita', params);
      const login = await loginInBrowser(browser, start, { country: 'XX' });
      assert.ok(login.callback.searchParams.get('code'));
      assert.equal(login.pages.length, 1, 'only the consent page was shown');
      assert.equal(server.adapter.requests.at(-1)!.country, 'ES');
    }
  });

  it('ends the session with RP-initiated logout and returns to the registered post-logout URI', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const { browser, tokens } = await fullLogin(config, 'kita');
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://rp-kita.test/bye', state: 'bye-state' });
    const confirm = await browser.get(endSession.href);
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /op\.logoutForm/);
    assert.match(confirm.headers.get('content-security-policy') ?? '', /form-action 'self' http:\/\/rp-kita\.test/);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!;
    const done = await browser.post(new URL('/oidc/session/end/confirm', server.url).href, { xsrf, logout: 'yes' });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), 'http://rp-kita.test/bye?state=bye-state');
    const userinfo = await fetch(server.issuer + '/me', { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(userinfo.status, 401);
    assert.match(userinfo.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    // A new authorization needs a new login.
    const start = await startAuthorization(config, 'kita');
    const first = await browser.follow(await browser.get(start.url.href));
    assert.match(first.page.body, /country\/IT/);
  });
});
