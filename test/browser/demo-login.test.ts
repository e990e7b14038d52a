import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createBremerhavenPortal, type DemoPortal } from '../../src/demo/portal/index.js';
import { freePort, startRealPasserelle, type RealPasserelle } from '../outbound/oidc/support/real-passerelle.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const chromiumPath = '/usr/bin/chromium';
const installHint = 'install Debian\'s chromium: apt-get install -y chromium';
const available = existsSync(chromiumPath);

/**
 * The story of the issue's "done when", in a real browser: the Bremerhaven portal, Passerelle's
 * country page, the Italian demo IdP, the consent page, back at the portal with name, birth
 * date, country and LoA. Pages must work without any CSP violation.
 */
describe(`Browser (Chromium): the Bremerhaven demo login${available ? '' : ` — skipped: ${installHint}`}`, function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let real: RealPasserelle;
  let portal: DemoPortal;
  let context: BrowserContext;
  let profile: string;
  const problems: string[] = [];

  before(async function () {
    if (!available) {
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
        allowedClaims: ['given_name', 'family_name', 'birthdate', 'gender', 'address', 'place_of_birth'],
      }],
    });
    portal = await createBremerhavenPortal({ port: portalPort, publicUrl: portalUrl, passerelleUrl: real.url });
    profile = mkdtempSync(path.join(os.tmpdir(), 'passerelle-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      locale: 'en-US',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await context?.close();
    await portal?.close();
    await real?.close();
    await database?.cleanup();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  function watch(page: Page): void {
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    // Resource failures are reported through responses (a missing favicon is not a problem).
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
    });
  }

  it('an Italian citizen applies for a kindergarten place: login at the Italian demo IdP, consent, data on the portal', async () => {
    const page = context.pages()[0] ?? await context.newPage();
    watch(page);
    await page.goto(`${portal.url}/?lang=en`);
    await page.getByRole('link', { name: 'Log in with a European eID' }).click();

    await page.waitForURL(`${real.url}/interaction/**`);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByRole('link', { name: 'Italia (Italy)' }).click();

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
    const page = context.pages()[0]!;
    await page.getByRole('link', { name: 'Log out' }).click();
    await page.waitForURL(`${real.url}/oidc/session/end**`);
    await page.getByRole('button', { name: 'Yes, log me out everywhere' }).click();
    await page.waitForURL(`${portal.url}/`);
    await page.getByRole('link', { name: 'Log in with a European eID' }).waitFor();
    assert.deepEqual(problems, []);
  });
});
