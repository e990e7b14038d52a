import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { ConfigInput } from '../../src/config/schema.js';
import { startAuthorization, rpConfig } from '../outbound/oidc/support/flow.js';
import { startOidcServer, type OidcTestServer } from '../outbound/oidc/support/harness.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { chromiumAvailable, launchChromium, skipNote, type Chromium } from './support/chromium.js';

/** A node's list at national scale: the EU, EEA and candidate countries, each named only in English and its own language. */
const nationalScale: Array<[code: string, own: string, lang: string]> = [
  ['AT', 'Österreich', 'de'], ['BE', 'België', 'nl'], ['BG', 'България', 'bg'], ['HR', 'Hrvatska', 'hr'], ['CY', 'Κύπρος', 'el'],
  ['CZ', 'Česko', 'cs'], ['DK', 'Danmark', 'da'], ['EE', 'Eesti', 'et'], ['FI', 'Suomi', 'fi'], ['FR', 'France', 'fr'],
  ['DE', 'Deutschland', 'de'], ['GR', 'Ελλάδα', 'el'], ['HU', 'Magyarország', 'hu'], ['IE', 'Éire', 'ga'], ['IT', 'Italia', 'it'],
  ['LV', 'Latvija', 'lv'], ['LT', 'Lietuva', 'lt'], ['LU', 'Lëtzebuerg', 'lb'], ['MT', 'Malta', 'mt'], ['NL', 'Nederland', 'nl'],
  ['PL', 'Polska', 'pl'], ['PT', 'Portugal', 'pt'], ['RO', 'România', 'ro'], ['SK', 'Slovensko', 'sk'], ['SI', 'Slovenija', 'sl'],
  ['ES', 'España', 'es'], ['SE', 'Sverige', 'sv'], ['IS', 'Ísland', 'is'], ['NO', 'Norge', 'nb'], ['RS', 'Србија', 'sr'],
];

function countries(): NonNullable<ConfigInput['countries']> {
  return nationalScale.map(([code, own, lang]) => ({
    code, names: { [lang]: own, en: new Intl.DisplayNames(['en'], { type: 'region' }).of(code)! }, languages: [lang],
    idp: { metadataUrl: `http://127.0.0.1:1/${code.toLowerCase()}/metadata`, allowInsecureMetadataUrl: true },
  }));
}

/**
 * The country page with 30 configured countries, in Chromium: a compact grid on a wide
 * screen and one column on a phone, sorted by the name the citizen reads, and a filter
 * that finds her country as she types (with JavaScript) or when she presses Enter (without).
 */
describe(`Browser (Chromium): the country page at national scale (30 countries)${skipNote}`, function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let server: OidcTestServer;
  let chrome: Chromium | undefined;

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db, countries: countries() });
  });

  afterEach(async () => {
    await chrome?.close();
    chrome = undefined;
  });

  after(async () => {
    await server?.close();
    await database?.cleanup();
  });

  async function countryPage(options: { javaScript: boolean; lang: string }): Promise<Page> {
    chrome = await launchChromium({ javaScript: options.javaScript });
    const page = chrome.context.pages()[0] ?? await chrome.context.newPage();
    const start = await startAuthorization(await rpConfig(server.issuer, 'kita'), 'kita', { ui_locales: options.lang });
    await page.goto(start.url.href);
    await page.waitForURL(/\/interaction\/[^/]+$/);
    return page;
  }

  /** The chosen country's link starts its login upstream (the test adapter records it). */
  async function upstreamLoginFor(code: string): Promise<void> {
    for (let tries = 0; tries < 100 && server.adapter.requests.at(-1)?.country !== code; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(server.adapter.requests.at(-1)?.country, code);
  }

  const visibleCountries = (page: Page) => page.locator('#country-list li:visible a').allInnerTexts();

  it('lists 30 countries sorted by the name she reads, as a grid on a wide screen and one column on a phone', async () => {
    const page = await countryPage({ javaScript: true, lang: 'en' });
    await page.setViewportSize({ width: 1280, height: 900 });
    const names = (await visibleCountries(page)).map((text) => text.split(' (')[0]!.trim());
    assert.equal(names.length, 30);
    assert.deepEqual(names, [...names].sort(new Intl.Collator('en').compare));
    assert.equal(names[0], 'Austria');
    const lefts = new Set(await page.locator('#country-list li').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().left))));
    assert.ok(lefts.size >= 3, `a grid of at least three columns at 1280 px (${lefts.size})`);
    const listHeight = await page.locator('#country-list').evaluate((list) => list.getBoundingClientRect().height);
    assert.ok(listHeight < 900, `the 30 countries fit on one screen at 1280 px (${Math.round(listHeight)} px)`);
    await page.setViewportSize({ width: 390, height: 844 });
    const narrow = new Set(await page.locator('#country-list li').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().left))));
    assert.equal(narrow.size, 1, 'one column at 390 px');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling');
  });

  it('finds her country as she types part of its name, in English and in German', async () => {
    const page = await countryPage({ javaScript: true, lang: 'en' });
    await page.getByLabel('Find your country').fill('ger');
    assert.deepEqual(await visibleCountries(page), ['Germany (Deutschland)']);
    await page.getByLabel('Find your country').fill('atlantis');
    assert.deepEqual(await visibleCountries(page), []);
    assert.equal(await page.getByRole('status').innerText(), 'No country matches what you typed.');

    await page.goto(`${page.url()}?lang=de`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'de');
    const german = (await visibleCountries(page)).map((text) => text.split(' (')[0]!.trim());
    assert.deepEqual(german.slice(0, 3), ['Belgien', 'Bulgarien', 'Dänemark'], 'sorted by the German names');
    await page.getByLabel('Land suchen').fill('osterr');
    assert.deepEqual(await visibleCountries(page), ['Österreich']);
    await page.getByLabel('Land suchen').fill('schwe');
    assert.deepEqual(await visibleCountries(page), ['Schweden (Sverige)']);
    await page.getByRole('link', { name: 'Schweden (Sverige)' }).click();
    await upstreamLoginFor('SE');
  });

  it('finds her country without JavaScript: the filter is a form', async () => {
    const page = await countryPage({ javaScript: false, lang: 'it' });
    assert.equal(await page.locator('html').getAttribute('lang'), 'it');
    await page.getByLabel('Cerca il tuo paese').fill('spag');
    await page.getByLabel('Cerca il tuo paese').press('Enter');
    await page.waitForURL(/\?q=spag/);
    assert.deepEqual(await visibleCountries(page), ['Spagna (España)']);
    await page.getByLabel('Cerca il tuo paese').fill('Ελλ');
    await page.getByRole('button', { name: 'Filtra' }).click();
    await page.waitForURL(/\?q=/);
    assert.deepEqual(await visibleCountries(page), ['Grecia (Ελλάδα)'], 'her country\'s own name finds it too');
    await page.getByRole('link', { name: 'Grecia (Ελλάδα)' }).click();
    await upstreamLoginFor('GR');
  });
});
