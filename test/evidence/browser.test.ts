import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { TestBrowser } from './support/browser.js';
import { familyComposition, startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { sharedFamilyComposition } from './support/steps.js';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * A real Chromium with JavaScript switched off walks the citizen's pages by their accessible
 * names (roles and labels), as a keyboard or screen-reader user would find them.
 */
describe('evidence pages in Chromium without JavaScript', function () {
  this.timeout(60_000);
  let h: EvidenceHarness;
  let browser: Browser;
  before(async function () {
    if (!existsSync(chromiumPath)) this.skip();
    h = await startEvidenceHarness();
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  async function contextWith(cookies: Map<string, string>): Promise<BrowserContext> {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    await context.addCookies([...cookies].map(([name, value]) => ({ name, value, url: h.url })));
    return context;
  }

  it('requests, previews and shares with only links, buttons and labelled fields', async () => {
    const http = new TestBrowser(h.url);
    const flow = await h.begin(http, 'it-giulia-rossi', [familyComposition]);
    const context = await contextWith(http.cookies);
    const page = await context.newPage();
    await page.goto(h.url + flow);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('h1').count(), 1);
    await page.getByRole('button', { name: /^Request the document from / }).click();
    assert.match(page.url(), /\/items\/0\/preview$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Preview: Proof of family composition');
    assert.ok(await page.getByRole('link', { name: 'Download' }).isVisible());
    await page.getByRole('link', { name: /Back to the request/ }).first().click();
    await page.getByLabel('Share for').selectOption('30');
    await page.getByLabel(/keep a copy/).check();
    await page.getByRole('button', { name: 'Share with Bremerhaven kindergarten application' }).click();
    assert.match(page.url(), /\/test\/oidc\/resumed\//);
    const consent = await h.database.db.knex('evidence_consents').orderBy('given_at', 'desc').first();
    assert.equal(Number(consent.expires_at) - Number(consent.given_at), 30 * 86_400_000);
    await context.close();
  });

  it('withdraws from the dashboard after confirming, and says so', async () => {
    const shared = await sharedFamilyComposition(h);
    const context = await contextWith(new Map([['test_session', h.oidc.openSession(shared.citizenKey)]]));
    const page = await context.newPage();
    await page.goto(`${h.url}/me`);
    assert.ok(await page.getByRole('status').filter({ hasText: 'Integrity check passed' }).isVisible());
    await page.getByRole('link', { name: /^Withdraw Bremerhaven kindergarten application/ }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Withdraw your consent?' }).waitFor();
    await page.getByRole('button', { name: 'Yes, withdraw my consent' }).click();
    await page.waitForURL(/\/me\?withdrawn=/);
    assert.match(await page.getByRole('status').first().innerText(), /You withdrew your consent: Bremerhaven kindergarten application can no longer access/);
    assert.ok(await page.getByRole('cell', { name: 'withdrawn' }).first().isVisible());
    await context.close();
  });
});
