import assert from 'node:assert/strict';
import { createBremerhavenPortal, createSantanderPortal, type DemoPortal } from '../../../src/demo/portal/index.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { freePort } from '../../support/ports.js';
import { hiddenInput, TestBrowser, type Page } from '../../outbound/oidc/support/browser.js';
import { testCitizen } from '../../outbound/oidc/support/citizens.js';
import { startOidcServer, type OidcTestServer } from '../../outbound/oidc/support/harness.js';

/** Clicks through Passerelle (country link, consent "share") until the portal's page. */
async function throughPasserelle(browser: TestBrowser, start: Page, portalUrl: string, country = 'IT'): Promise<Page> {
  let step = await browser.follow(start);
  for (let i = 0; i < 5 && !step.page.url.startsWith(portalUrl); i++) {
    const page = step.page;
    const link = new RegExp(`href="(/interaction/[^"]+/country/${country})"`).exec(page.body);
    if (link) {
      step = await browser.follow(await browser.get(new URL(link[1]!, page.url).href));
      continue;
    }
    const consent = /action="(\/interaction\/[^"]+\/consent)"/.exec(page.body);
    assert.ok(consent, `unexpected page ${page.url}`);
    step = await browser.follow(await browser.post(new URL(consent[1]!, page.url).href, { _csrf: hiddenInput(page.body, '_csrf')!, decision: 'share' }));
  }
  return step.page;
}

describe('Demo portals: Bremerhaven kindergarten and Santander census, as openid-client relying parties', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  let kita: DemoPortal;
  let padron: DemoPortal;

  before(async () => {
    database = await createTestDatabase();
    const [kitaPort, padronPort] = [await freePort(), await freePort()];
    const kitaUrl = `http://127.0.0.1:${kitaPort}`;
    const padronUrl = `http://127.0.0.1:${padronPort}`;
    server = await startOidcServer({
      db: database.db,
      portals: [
        { clientId: 'bremerhaven-kita', name: { de: 'Kita-Anmeldung Bremerhaven', en: 'Bremerhaven kindergarten application' }, clientSecret: 'demo-bremerhaven-secret-0123456789abcdef',
          redirectUris: [`${kitaUrl}/callback`], postLogoutRedirectUris: [`${kitaUrl}/`], allowedClaims: ['given_name', 'family_name', 'birthdate', 'gender', 'address', 'place_of_birth'] },
        { clientId: 'santander-padron', name: { es: 'Padrón de Santander', en: 'Santander census certificate' }, clientSecret: 'demo-santander-secret-0123456789abcdefgh',
          tokenEndpointAuthMethod: 'client_secret_post', redirectUris: [`${padronUrl}/callback`], postLogoutRedirectUris: [`${padronUrl}/`],
          allowedClaims: ['given_name', 'family_name', 'birthdate', 'birth_family_name', 'address', 'eidas_person_identifier', 'nationalities'] },
      ],
    });
    kita = await createBremerhavenPortal({ port: kitaPort, publicUrl: kitaUrl, passerelleUrl: server.url });
    padron = await createSantanderPortal({ port: padronPort, publicUrl: padronUrl, passerelleUrl: server.url });
  });
  beforeEach(() => { server.adapter.behaviour = { mode: 'succeed' }; });
  after(async () => {
    await kita.close();
    await padron.close();
    await server.close();
    await database.cleanup();
  });

  it('Bremerhaven: an Italian citizen logs in and the portal shows name, birth date, country and LoA', async () => {
    const browser = new TestBrowser();
    const start = await browser.get(kita.url + '/?lang=en');
    assert.match(start.body, /Apply for a kindergarten place in Bremerhaven/);
    assert.match(start.body, /href="\/login\?country=IT">Log in with an eID from Italy/);
    const home = await throughPasserelle(browser, await browser.get(kita.url + '/login'), kita.url);
    const citizen = testCitizen('IT');
    assert.equal(home.status, 200);
    assert.match(home.body, new RegExp(`Welcome, <bdi dir="auto">${citizen.givenName}</bdi>`));
    assert.match(home.body, new RegExp(`<dd><bdi dir="auto">${citizen.givenName}</bdi> <bdi dir="auto">${citizen.familyName}</bdi></dd>`));
    assert.match(home.body, new RegExp(`<dd>${citizen.dateOfBirth}</dd>`));
    assert.match(home.body, /<dt>Country of the eID<\/dt><dd>Italy<\/dd>/);
    assert.match(home.body, /<dt>Level of assurance<\/dt><dd>substantial<\/dd>/);
    assert.ok(browser.cookie('kita_session'));
    assert.ok(browser.cookie('passerelle.session'), 'the two apps keep separate cookies on one host');
  });

  it('Bremerhaven in German; the country hint skips Passerelle\'s country page', async () => {
    const browser = new TestBrowser();
    const german = await browser.get(kita.url + '/', { 'accept-language': 'de-DE' });
    assert.match(german.body, /<html lang="de">[\s\S]*Kita-Platz in Bremerhaven beantragen/);
    await browser.get(kita.url + '/?lang=de');
    const first = await browser.follow(await browser.get(kita.url + '/login?country=IT'));
    assert.doesNotMatch(first.page.body, /\/country\//);
    assert.match(first.page.body, /\/consent"/);
    const home = await throughPasserelle(browser, first.page, kita.url);
    assert.match(home.body, /<dt>Land der eID<\/dt><dd>Italien<\/dd>/);
  });

  it('Santander (client_secret_post): a Spanish citizen, with the eIDAS identifier and nationality', async () => {
    const browser = new TestBrowser();
    const home = await throughPasserelle(browser, await browser.get(padron.url + '/login?lang=es'), padron.url, 'ES');
    const citizen = testCitizen('ES');
    assert.match(home.body, /<html lang="es">/);
    assert.match(home.body, new RegExp(`Bienvenido/a, <bdi dir="auto">${citizen.givenName}</bdi>`));
    assert.match(home.body, new RegExp(`<dt>Identificador eIDAS</dt><dd>${citizen.personIdentifier.replace(/\//g, '\\/')}</dd>`));
    assert.match(home.body, /<dt>País de la eID<\/dt><dd>España<\/dd>/);
    assert.ok(browser.cookie('padron_session'));
  });

  it('a cancelled login shows the portal\'s message; logout goes through Passerelle and back', async () => {
    server.adapter.behaviour = { mode: 'fail' };
    const browser = new TestBrowser();
    const cancelled = await throughPasserelle(browser, await browser.get(kita.url + '/login?lang=en'), kita.url);
    assert.match(cancelled.body, /The login was cancelled\./);
    server.adapter.behaviour = { mode: 'succeed' };
    const home = await throughPasserelle(browser, await browser.get(kita.url + '/login'), kita.url);
    assert.match(home.body, /href="\/logout"/);
    const logout = await browser.follow(await browser.get(kita.url + '/logout'));
    assert.equal(logout.page.status, 200);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(logout.page.body)![1]!;
    const back = await browser.follow(await browser.post(`${server.issuer}/session/end/confirm`, { xsrf, logout: 'yes' }));
    assert.equal(back.page.url, kita.url + '/');
    assert.match(back.page.body, /href="\/login"/);
  });
});
