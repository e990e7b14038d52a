import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { citizenByKey } from '../../../src/demo/citizens.js';
import { companiesOf } from '../../../src/demo/companies.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { drive, hiddenInput, TestBrowser } from './support/browser.js';
import { rpConfig, startAuthorization, toPortal } from './support/flow.js';
import { defaultPortals, rp } from './support/harness.js';
import { startRealPasserelle, type RealPasserelle } from './support/real-passerelle.js';

const legalClaims = ['legal_person_identifier', 'legal_name', 'legal_address', 'vat_registration_number', 'lei'];

/** Issue 10 item 5 over real HTTP: openid-client as the portal, the demo IdPs with their companies. */
describe('OpenID Connect login on behalf of an organisation (scope legal_person)', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let real: RealPasserelle;

  before(async () => {
    database = await createTestDatabase();
    const portals = defaultPortals().map((p) => (p.clientId === rp.kita.clientId ? { ...p, allowedClaims: [...(p.allowedClaims ?? []), ...legalClaims, 'eidas_person_identifier'] } : p));
    real = await startRealPasserelle({ db: database.db, portals });
  });
  after(async () => {
    await real?.close();
    await database?.cleanup();
  });

  /** Portal → (hinted) demo IdP → the company button → consent page → back at the portal. */
  async function companyLogin(country: string, options: { browser?: TestBrowser; scope?: string; lang?: string } = {}) {
    const config = await rpConfig(real.issuer, 'kita');
    const start = await startAuthorization(config, 'kita', { scope: options.scope ?? 'openid profile legal_person', country });
    const browser = options.browser ?? new TestBrowser();
    const stop = toPortal(start.redirectUri);
    let step = await drive(browser, await browser.get(start.url.href), stop);
    const idpPage = step.page;
    assert.match(idpPage.body, /name="company"/, 'the IdP offers companies for a legal-person request');
    const company = companiesOf(country)[0]!;
    const fields = { login: hiddenInput(idpPage.body, 'login')!, company: company.key, loa: /name="loa" value="(\w+)" checked/.exec(idpPage.body)![1]! };
    step = await drive(browser, await browser.post(`${real.idp.url}/${country.toLowerCase()}/login`, fields), stop);
    const endSession = /action="([^"]+\/session\/end\/confirm)"/.exec(step.page.body);
    if (endSession) {
      // Another account was logged in in this browser: oidc-provider ends that session first (a self-posting form).
      step = await drive(browser, await browser.post(endSession[1]!, { xsrf: hiddenInput(step.page.body, 'xsrf') ?? /name="xsrf" value="([^"]+)"/.exec(step.page.body)![1]!, logout: 'yes' }), stop);
    }
    // The language switch of Passerelle's pages (?lang=) on the consent page itself.
    const consentPage = options.lang ? await browser.get(`${step.page.url}?lang=${options.lang}`) : step.page;
    const consent = /action="(\/interaction\/[^"]+\/consent)"/.exec(consentPage.body);
    assert.ok(consent, consentPage.body.slice(-700));
    step = await drive(browser, await browser.post(real.url + consent[1]!, { _csrf: hiddenInput(consentPage.body, '_csrf')!, decision: 'share' }), stop);
    assert.ok(step.stoppedAt, 'back at the portal');
    const tokens = await client.authorizationCodeGrant(config, new URL(step.stoppedAt), { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
    return { company, representative: citizenByKey(company.representative)!, consentPage, tokens, userinfo, browser, config };
  }

  for (const country of ['IT', 'DE', 'ES', 'RS']) {
    it(`${country}: the portal receives the organisation's claims and its representative as the person, after a consent page that says on whose behalf`, async () => {
      const { company, representative, consentPage, userinfo, tokens } = await companyLogin(country);
      assert.equal(userinfo.legal_name, company.legalName);
      assert.equal(userinfo.legal_person_identifier, `${country}/DE/${company.nationalId}`);
      assert.equal(userinfo.vat_registration_number, company.vatRegistrationNumber);
      assert.equal(userinfo.lei, company.lei);
      assert.equal((userinfo.legal_address as { locality?: string }).locality, company.address.postName);
      assert.equal(userinfo.given_name, representative.givenName);
      assert.equal(userinfo.family_name, representative.familyName);
      assert.equal(userinfo.birthdate, representative.dateOfBirth);
      assert.equal(tokens.claims()!.eidas_country, country);
      assert.ok(consentPage.body.includes(`You are acting on behalf of <bdi dir="auto">${company.legalName}</bdi>.`), 'the consent page names the organisation, isolated');
      assert.ok(consentPage.body.includes(company.vatRegistrationNumber));
    });
  }

  it('the consent page says "on behalf of" in every language of the catalogue', async () => {
    const phrases: Record<string, string> = {
      de: 'Sie handeln im Namen von', it: 'Stai agendo per conto di', es: 'Está actuando en nombre de', fr: 'Vous agissez au nom de',
      'sr-Latn': 'Postupate u ime organizacije', 'sr-Cyrl': 'Поступате у име организације',
    };
    for (const [lang, phrase] of Object.entries(phrases)) {
      const { consentPage, company } = await companyLogin('DE', { lang });
      assert.ok(consentPage.body.includes(`${phrase} <bdi dir="auto">${company.legalName}</bdi>.`), `${lang}: ${consentPage.body.slice(0, 200)}`);
    }
  });

  it('the organisation login is an account of its own: a different pairwise sub than the same person\'s private login, and neither session answers a request for the other', async () => {
    const browser = new TestBrowser();
    const config = await rpConfig(real.issuer, 'kita');
    // A private login of Jonas Weber first, in the same browser.
    const start = await startAuthorization(config, 'kita', { scope: 'openid profile', country: 'DE' });
    const stop = toPortal(start.redirectUri);
    let step = await drive(browser, await browser.get(start.url.href), stop);
    step = await drive(browser, await browser.post(`${real.idp.url}/de/login`, { login: hiddenInput(step.page.body, 'login')!, citizen: 'de-jonas-weber', loa: 'substantial' }), stop);
    const consent = /action="(\/interaction\/[^"]+\/consent)"/.exec(step.page.body)!;
    step = await drive(browser, await browser.post(real.url + consent[1]!, { _csrf: hiddenInput(step.page.body, '_csrf')!, decision: 'share' }), stop);
    const privateTokens = await client.authorizationCodeGrant(config, new URL(step.stoppedAt!), { pkceCodeVerifier: start.verifier, expectedState: start.state, expectedNonce: start.nonce });
    assert.equal(privateTokens.claims()!.legal_name, undefined);
    const privateUserinfo = await client.fetchUserInfo(config, privateTokens.access_token, privateTokens.claims()!.sub);
    // Then the company login in the same browser: the IdP is asked again (companyLogin asserts the company page).
    const organisation = await companyLogin('DE', { browser });
    assert.notEqual(organisation.tokens.claims()!.sub, privateTokens.claims()!.sub);
    assert.equal(organisation.userinfo.eidas_person_identifier, privateUserinfo.eidas_person_identifier, 'the same person acts');
    // And the organisation's session does not answer a private request: the IdP is asked again, for a person.
    const again = await startAuthorization(config, 'kita', { scope: 'openid profile', country: 'DE' });
    const atIdp = await drive(browser, await browser.get(again.url.href), toPortal(again.redirectUri));
    assert.ok(!atIdp.stoppedAt, 'no code from the organisation session');
    assert.match(atIdp.page.body, /name="citizen"/);
    assert.doesNotMatch(atIdp.page.body, /name="company"/);
  });

  it('a portal not registered for the organisation claims gets invalid_scope for legal_person, before any IdP is asked', async () => {
    const config = await rpConfig(real.issuer, 'padron');
    const start = await startAuthorization(config, 'padron', { scope: 'openid profile legal_person', country: 'ES' });
    const browser = new TestBrowser();
    const step = await drive(browser, await browser.get(start.url.href), toPortal(start.redirectUri));
    assert.ok(step.stoppedAt, step.page.body.slice(0, 300));
    const answer = new URL(step.stoppedAt);
    assert.equal(answer.searchParams.get('error'), 'invalid_scope');
    assert.equal(answer.searchParams.get('state'), start.state);
    assert.ok(!browser.visited.some((url) => url.startsWith(real.idp.url)));
  });
});
