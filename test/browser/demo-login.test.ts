import assert from 'node:assert/strict';
import { createBremerhavenPortal, type DemoPortal } from '../../src/demo/portal/index.js';
import { startRealPasserelle, type RealPasserelle } from '../outbound/oidc/support/real-passerelle.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';
import { chromiumAvailable, launchChromium, skipNote, watchPage, whereAmI, type Chromium } from './support/chromium.js';

/**
 * The story of the "done when", in a real browser: the Bremerhaven portal, Passerelle's
 * country page, the Italian demo IdP, the consent page, back at the portal with name, birth
 * date, country and LoA; then an employer logging in on behalf of the German demo company. Pages
 * must work without any CSP violation.
 */
describe(`Browser (Chromium): the Bremerhaven demo login${skipNote}`, function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let real: RealPasserelle;
  let portal: DemoPortal;
  let chrome: Chromium;
  const problems: string[] = [];

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    database = await createTestDatabase();
    const portalPort = await freePort();
    const portalUrl = `http://127.0.0.1:${portalPort}`;
    real = await startRealPasserelle({
      db: database.db,
      portals: [{
        clientId: 'bremerhaven-kita', name: { de: 'Kita-Anmeldung Bremerhaven', en: 'Bremerhaven kindergarten application' },
        clientSecret: 'demo-bremerhaven-secret-0123456789abcdef', redirectUris: [`${portalUrl}/callback`], postLogoutRedirectUris: [`${portalUrl}/`],
        allowedClaims: ['given_name', 'family_name', 'birthdate', 'gender', 'address', 'place_of_birth',
          'legal_person_identifier', 'legal_name', 'legal_address', 'vat_registration_number', 'lei'],
      }],
    });
    portal = await createBremerhavenPortal({ port: portalPort, publicUrl: portalUrl, passerelleUrl: real.url });
    chrome = await launchChromium();
  });

  after(async () => {
    await chrome?.close();
    await portal?.close();
    await real?.close();
    await database?.cleanup();
  });

  it('an Italian citizen applies for a kindergarten place: login at the Italian demo IdP, consent, data on the portal', async () => {
    const page = chrome.context.pages()[0] ?? await chrome.context.newPage();
    watchPage(page, problems);
    await page.goto(`${portal.url}/?lang=en`);
    await page.getByRole('link', { name: 'Log in with a European eID' }).click();

    await page.waitForURL(`${real.url}/interaction/**`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('link', { name: 'Italy (Italia)' }).click();

    await page.waitForURL(`${real.idp.url}/it/**`);
    await page.getByRole('button', { name: /Giulia Rossi/ }).click();

    await page.waitForURL(`${real.url}/interaction/**`).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${page.url()}\n${(await page.locator('body').innerText()).slice(0, 600)}\n${problems.join('\n')}`);
    });
    await page.getByRole('heading', { name: /Share your data with Bremerhaven kindergarten application/ }).waitFor();
    const share = page.getByRole('button', { name: 'Share and continue' });
    await share.focus();
    await page.keyboard.press('Enter');

    await page.waitForURL(`${portal.url}/`).catch(async (error: Error) => {
      throw new Error(`${error.message}\n${page.url()}\n${(await page.locator('body').innerText()).slice(0, 600)}\n${problems.join('\n')}`);
    });
    const text = await page.locator('main').innerText();
    assert.match(text, /Welcome, Giulia/);
    assert.match(text, /Giulia Rossi/);
    assert.match(text, /1988-04-12/);
    assert.match(text, /Country of the eID\s+Italy/);
    assert.match(text, /Level of assurance\s+substantial/);
    assert.deepEqual(problems, [], 'no console errors or CSP violations');
  });

  it('logs out through Passerelle and comes back to the portal', async () => {
    const page = chrome.context.pages()[0]!;
    await page.getByRole('link', { name: 'Log out' }).click();
    await page.waitForURL(`${real.url}/oidc/session/end**`);
    await page.getByRole('button', { name: 'Yes, log me out everywhere' }).click();
    await page.waitForURL(`${portal.url}/`);
    await page.getByRole('link', { name: 'Log in with a European eID' }).waitFor();
    assert.deepEqual(problems, []);
  });

  it('an employer logs in for Weber Hafenlogistik GmbH at the German demo IdP; consent "on behalf of", company and representative on the portal', async () => {
    const page = chrome.context.pages()[0]!;
    const fail = async (error: Error) => { throw await whereAmI(page, error, problems); };
    await page.goto(`${portal.url}/?lang=de`);
    await page.getByRole('link', { name: 'Für ein Unternehmen anmelden' }).click();

    await page.waitForURL(`${real.url}/interaction/**`);
    await page.getByRole('link', { name: /Deutschland/ }).click();

    await page.waitForURL(`${real.idp.url}/de/**`);
    await page.getByRole('group', { name: /Unternehmen wählen/ }).waitFor();
    await page.getByRole('button', { name: /Weber Hafenlogistik GmbH/ }).click();

    await page.waitForURL(`${real.url}/interaction/**`).catch(fail);
    const consent = await page.locator('main').innerText();
    // Passerelle's pages follow the portal's language (ui_locales=de).
    assert.match(consent, /Sie handeln im Namen von Weber Hafenlogistik GmbH/);
    assert.match(consent, /Umsatzsteuer-Identifikationsnummer\s+DE298765431/);
    assert.match(consent, /Über Sie als Vertreterin oder Vertreter[\s\S]*Vorname\s+Jonas/);
    await page.getByRole('button', { name: 'Übermitteln und fortfahren' }).click();

    await page.waitForURL(`${portal.url}/`).catch(fail);
    const text = await page.locator('main').innerText();
    assert.match(text, /Willkommen, Jonas/);
    assert.match(text, /Unternehmen\s+Weber Hafenlogistik GmbH/);
    assert.match(text, /DE\/DE\/HRB-5127-BHV/);
    assert.match(text, /Vertreten durch/);
    assert.match(text, /Jonas Weber/);
    assert.doesNotMatch(text, /Familienzusammensetzung beifügen/, 'the family evidence step is for private applicants');
    assert.deepEqual(problems, [], 'no console errors or CSP violations');
  });
});
