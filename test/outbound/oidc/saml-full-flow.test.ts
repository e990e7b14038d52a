import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { demoCitizens } from '../../../src/demo/citizens.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { continueLink, drive, hiddenInput, TestBrowser, type Page } from './support/browser.js';
import { rpConfig, startAuthorization, toPortal } from './support/flow.js';
import { defaultPortals } from './support/harness.js';
import { startRealPasserelle, type RealPasserelle } from './support/real-passerelle.js';

const loaUri = (l: string) => `http://eidas.europa.eu/LoA/${l}`;

describe('OpenID Provider through the real eIDAS SAML connector and the demo national IdPs', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let real: RealPasserelle;

  before(async () => {
    database = await createTestDatabase();
    real = await startRealPasserelle({ db: database.db, portals: defaultPortals() });
  });
  after(async () => {
    await real?.close();
    await database?.cleanup();
  });

  /** Portal → country page → demo IdP (citizen, LoA or cancel) → consent → back at the portal. */
  async function login(country: string, options: { params?: Record<string, string>; loa?: string; cancel?: boolean } = {}) {
    const config = await rpConfig(real.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', { scope: 'openid profile', ...options.params });
    const browser = new TestBrowser();
    const stop = toPortal(start.redirectUri);
    let step = await drive(browser, await browser.get(start.url.href), stop);
    const countryLink = new RegExp(`href="(/interaction/[^"]+/country/${country})"`).exec(step.page.body);
    assert.ok(countryLink, step.page.body.slice(0, 300));
    step = await drive(browser, await browser.get(real.url + countryLink[1]!), stop);
    const idpPage: Page = step.page;
    assert.ok(idpPage.url.startsWith(`${real.idp.url}/${country.toLowerCase()}/`), idpPage.url);
    const citizen = demoCitizens.find((c) => c.country === country)!;
    const loginId = hiddenInput(idpPage.body, 'login')!;
    const fields: Record<string, string> = options.cancel ? { login: loginId, cancel: '1' } : { login: loginId, citizen: citizen.key, loa: options.loa ?? /name="loa" value="(\w+)" checked/.exec(idpPage.body)![1]! };
    step = await drive(browser, await browser.post(`${real.idp.url}/${country.toLowerCase()}/login`, fields), stop);
    const next = continueLink(step.page.body);
    if (!step.stoppedAt && next) step = await drive(browser, await browser.get(new URL(next, step.page.url).href), stop);
    if (!step.stoppedAt) {
      const consent = /action="(\/interaction\/[^"]+\/consent)"/.exec(step.page.body);
      assert.ok(consent, step.page.body.slice(-700));
      step = await drive(browser, await browser.post(real.url + consent[1]!, { _csrf: hiddenInput(step.page.body, '_csrf')!, decision: 'share' }), stop);
    }
    assert.ok(step.stoppedAt, 'back at the portal');
    return { config, start, browser, callback: new URL(step.stoppedAt), citizen };
  }

  for (const country of ['IT', 'DE', 'ES', 'RS']) {
    it(`a citizen of ${country} logs in at the demo IdP: ID token, userinfo and logout`, async () => {
      const { config, start, browser, callback, citizen } = await login(country);
      const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
      const claims = tokens.claims()!;
      assert.equal(claims.eidas_country, country);
      assert.equal(claims.acr, loaUri(country === 'RS' ? 'low' : 'substantial'));
      assert.deepEqual(claims.amr, ['eidas']);
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      assert.equal(userinfo.family_name, citizen.familyName);
      assert.equal(userinfo.given_name, citizen.givenName);
      assert.equal(userinfo.birthdate, citizen.dateOfBirth);
      const confirm = await browser.get(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://rp-kita.test/bye' }).href);
      const done = await browser.post(`${real.issuer}/session/end/confirm`, { xsrf: /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!, logout: 'yes' });
      assert.equal(done.headers.get('location'), 'http://rp-kita.test/bye');
    });
  }

  it('a login asserted below the requested LoA is explained, then reaches the portal as unmet_authentication_requirements, never with a code (S-47)', async () => {
    const codes = async () => Number((await database.db.knex('oidc_models').where({ model: 'AuthorizationCode' }).count({ n: '*' }).first() as { n: number | string }).n);
    const before = await codes();
    const config = await rpConfig(real.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', { acr_values: loaUri('high'), country: 'DE' });
    const browser = new TestBrowser();
    const stop = toPortal(start.redirectUri);
    const idpPage = await drive(browser, await browser.get(start.url.href), stop);
    const fields = { login: hiddenInput(idpPage.page.body, 'login')!, citizen: demoCitizens.find((c) => c.country === 'DE')!.key, loa: 'substantial' };
    const told = await drive(browser, await browser.post(`${real.idp.url}/de/login`, fields), stop);
    assert.match(told.page.body, /<h1>Your login&#39;s level of assurance is too low<\/h1>/, 'the citizen is told why first');
    const end = await drive(browser, await browser.get(new URL(continueLink(told.page.body)!, told.page.url).href), stop);
    assert.ok(end.stoppedAt, 'the portal hears back');
    const answer = new URL(end.stoppedAt);
    assert.equal(answer.searchParams.get('error'), 'unmet_authentication_requirements');
    assert.equal(answer.searchParams.get('iss'), real.issuer);
    assert.ok(answer.searchParams.get('state'), 'with its state');
    assert.equal(await codes(), before, 'no code was issued');
  });

  it('cancelling at the national IdP (AuthnFailed) reaches the portal as access_denied', async () => {
    const { callback } = await login('IT', { cancel: true });
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    assert.equal(callback.searchParams.get('iss'), real.issuer);
    assert.equal(callback.searchParams.get('code'), null);
  });

  it('refused answers to one login are bounded: the fifth ends it and the portal receives access_denied with its state and iss', async () => {
    const config = await rpConfig(real.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', { country: 'IT' });
    const browser = new TestBrowser();
    const stop = toPortal(start.redirectUri);
    const atIdp = await drive(browser, await browser.get(start.url.href), stop);
    assert.ok(atIdp.page.url.startsWith(`${real.idp.url}/it/`), atIdp.page.url);
    const pending = await database.db.knex('saml_requests').whereNull('consumed_at').orderBy('created_at', 'desc').first() as { id: string; relay_state: string };
    // Unsigned answers to this very request from this browser: each is refused, and each counts.
    const forged = (n: number) => Buffer.from(`<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" ID="_forged${n}" Version="2.0"`
      + ` IssueInstant="${new Date().toISOString()}" InResponseTo="${pending.id}"/>`).toString('base64');
    for (let n = 1; n <= 4; n++) {
      const refused = await browser.post(`${real.url}/saml/acs`, { SAMLResponse: forged(n), RelayState: pending.relay_state }, { origin: real.idp.url });
      assert.equal(refused.status, 403, `answer ${n} gets the error page`);
    }
    const fifth = await browser.post(`${real.url}/saml/acs`, { SAMLResponse: forged(5), RelayState: pending.relay_state }, { origin: real.idp.url });
    const told = await drive(browser, fifth, stop);
    assert.match(told.page.body, /<h1>The login was stopped<\/h1>[\s\S]*could not be trusted/, 'the citizen is told why first');
    const end = await drive(browser, await browser.get(new URL(continueLink(told.page.body)!, told.page.url).href), stop);
    assert.ok(end.stoppedAt, 'the portal hears back');
    const answer = new URL(end.stoppedAt);
    assert.equal(answer.searchParams.get('error'), 'access_denied');
    assert.equal(answer.searchParams.get('state'), start.state);
    assert.equal(answer.searchParams.get('iss'), real.issuer);
    assert.equal(answer.searchParams.get('code'), null);
  });

  it('asks the IdP for the LoA and attributes the portal needs (acr_values high → IdP offers high as minimum)', async () => {
    const config = await rpConfig(real.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', { acr_values: loaUri('high'), country: 'DE', scope: 'openid profile address' });
    const browser = new TestBrowser();
    const step = await drive(browser, await browser.get(start.url.href));
    assert.match(step.page.body, /name="loa" value="high" checked/);
    assert.match(step.page.body, /CurrentAddress/);
  });
});
