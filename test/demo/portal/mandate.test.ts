import assert from 'node:assert/strict';
import { startDemoStack, type DemoStack } from '../../browser/support/demo-stack.js';
import { csrfOf, TestBrowser } from '../../evidence/support/browser.js';
import { drive, hiddenField, type DrivenPage } from '../../evidence/support/driver.js';
import { textOf } from '../../evidence/support/page-text.js';

/**
 * Bremerhaven's demo portal asks for a family mandate (authorization_details of type
 * representation) on the stack `npm start` runs, shows who acts for whom in its languages,
 * and "Check again" shows Passerelle's refusal once the parent revoked the mandate.
 */
describe('Demo portals: Bremerhaven shows "Giulia Rossi, acting for Sofia Bianchi" after a mandate', function () {
  this.timeout(120_000);
  let stack: DemoStack;

  before(async () => { stack = await startDemoStack(); });
  after(async () => { await stack?.close(); });

  async function logIn(browser: TestBrowser, lang: string): Promise<DrivenPage> {
    const { bremerhaven, idp, passerelle } = stack.urls;
    await browser.get(`${bremerhaven}/?lang=${lang}`);
    const start = `${bremerhaven}/login?country=IT&lang=${lang}`;
    let page = await drive(browser, await browser.get(start), start);
    page = await drive(browser, await browser.post(`${idp}/it/login`, { login: hiddenField(page.body, 'login'), citizen: 'it-giulia-rossi', loa: 'substantial' }), `${idp}/it/login`);
    const action = /action="(\/interaction\/[^"]+\/consent)"/.exec(page.body)![1]!;
    return drive(browser, await browser.post(passerelle + action, { _csrf: hiddenField(page.body, '_csrf'), decision: 'share' }), passerelle + action);
  }

  async function giveMandate(browser: TestBrowser, home: DrivenPage): Promise<string> {
    const { bremerhaven } = stack.urls;
    const url = `${bremerhaven}/mandate/request`;
    const overview = await drive(browser, await browser.post(url, { csrf: csrfOf(home.body) }), url);
    assert.match(overview.url, /\/evidence\/flow\/[0-9a-f-]{36}$/, overview.body.slice(0, 300));
    const flow = overview.url;
    const preview = await drive(browser, await browser.post(`${flow}/items/0/request`, { csrf: csrfOf(overview.body) }), flow);
    assert.match(preview.url, /\/items\/0\/preview$/);
    const done = await drive(browser, await browser.post(`${flow}/share`, { csrf: csrfOf(preview.body), days: '1', child_0: '0' }), flow);
    assert.equal(new URL(done.url).origin, bremerhaven);
    return done.body;
  }

  for (const [lang, expected] of [['en', 'Giulia Rossi, acting for Sofia Bianchi'], ['de', 'Giulia Rossi, handelnd für Sofia Bianchi']] as const) {
    it(`shows "${expected}" in ${lang}`, async () => {
      const browser = new TestBrowser(stack.urls.bremerhaven);
      const home = await logIn(browser, lang);
      const body = await giveMandate(browser, home);
      // The names are isolated (<bdi>), which the text extraction turns into spaces a reader does not see.
      const line = textOf(/<p class="notice" id="acting-for">([\s\S]*?)<\/p>/.exec(body)?.[1] ?? '').replace(/\s+,/g, ',').replace(/\s+/g, ' ');
      assert.equal(line, expected);
    });
  }

  it('"Check again" shows that the mandate ended once Giulia revoked it at Passerelle', async () => {
    const browser = new TestBrowser(stack.urls.bremerhaven);
    await giveMandate(browser, await logIn(browser, 'en'));
    const me = await (await browser.get(`${stack.urls.passerelle}/me`)).text();
    const action = /href="(\/me\/mandates\/[0-9a-f-]{36}\/revoke)"/.exec(me)?.[1];
    assert.ok(action, 'an active mandate on /me');
    const confirm = await (await browser.get(stack.urls.passerelle + action)).text();
    assert.equal((await browser.post(stack.urls.passerelle + action, { csrf: csrfOf(confirm) })).status, 303);
    const home = await (await browser.get(`${stack.urls.bremerhaven}/`)).text();
    const checked = await browser.follow(await browser.post(`${stack.urls.bremerhaven}/mandate/check`, { csrf: csrfOf(home) }));
    const page = textOf(await checked.text());
    assert.ok(page.includes('The mandate is no longer valid.') && page.includes('mandate_inactive'), page.slice(0, 800));
  });
});
