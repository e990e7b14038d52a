import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { loaUri } from '../../src/core/loa.js';
import { chromiumAvailable, inStep, launchChromium, skipNote, watchPage, type Chromium } from './support/chromium.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

/**
 * Which level the demo asks of Serbia, on the stack `npm start` runs. Serbia's demo IdP plays a
 * national IdP certified up to substantial (its metadata says so; Passerelle's floor for Serbia
 * is low). Both demo portals ask for eIDAS substantial, which Serbia meets: that is intended, as
 * Serbia is a pilot country and Milica a pilot user. A login at low is refused with Passerelle's
 * notice. Where a portal asks for high, Serbia cannot meet it: Passerelle reads that from the
 * IdP's metadata and does not offer Serbia, saying why (docs/demo.md).
 */
describe(`Browser (Chromium): the demo portals ask for a level Serbia meets; a request for high is where it cannot${skipNote}`, function () {
  this.timeout(300_000);
  let stack: DemoStack;
  let chrome: Chromium;
  let page: Page;
  const problems: string[] = [];
  let callbacks: URL[] = [];
  const step = (name: string, run: () => Promise<void>) => inStep(page, problems, name, run);

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    stack = await startDemoStack();
    chrome = await launchChromium();
    page = chrome.context.pages()[0] ?? await chrome.context.newPage();
    page.setDefaultTimeout(15_000);
    watchPage(page, problems, (_status, url) => url.startsWith(`${stack.urls.bremerhaven}/callback`));
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.url().startsWith(`${stack.urls.bremerhaven}/callback`)) callbacks.push(new URL(request.url()));
    });
  });
  beforeEach(async () => {
    callbacks = [];
    problems.length = 0;
    await chrome?.context.clearCookies();
  });
  after(async () => {
    await chrome?.close();
    await stack?.close();
  });

  /** The Serbian IdP's level choice: label and whether it is preselected. */
  async function offeredLevels(): Promise<Array<{ label: string; checked: boolean }>> {
    await page.waitForURL(`${stack.urls.idp}/rs/**`);
    return page.locator('input[name="loa"]').evaluateAll((inputs) => inputs.map((input) => ({
      label: (document.querySelector(`label[for="${input.id}"]`)?.textContent ?? '').trim(), checked: (input as HTMLInputElement).checked,
    })));
  }

  it('both demo portals ask for eIDAS substantial', async () => {
    for (const portal of [stack.urls.bremerhaven, stack.urls.santander]) {
      const start = await fetch(`${portal}/login`, { redirect: 'manual' });
      assert.equal(new URL(start.headers.get('location')!).searchParams.get('acr_values'), loaUri('substantial'), portal);
    }
  });

  it('Milica logs in to the Bremerhaven portal at substantial, the highest level her IdP offers', async () => {
    await step('portal → country page → Serbian IdP', async () => {
      await page.goto(`${stack.urls.bremerhaven}/?lang=en`);
      await page.getByRole('link', { name: 'Log in with a European eID' }).click();
      await page.locator('a[href$="/country/RS"]').click();
    });
    assert.deepEqual(await offeredLevels(), [{ label: 'Основни (испод траженог минимума)', checked: false }, { label: 'Средњи', checked: true }]);
    await step('login and consent', async () => {
      await page.getByRole('button', { name: /Milica Petrović/ }).click();
      await page.getByRole('button', { name: 'Share and continue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Welcome, Milica' }).waitFor();
    });
    assert.match(await page.locator('dl.data').first().innerText(), /Level of assurance\s+substantial/);
    assert.equal(callbacks.length, 1);
    assert.match(callbacks[0]!.searchParams.get('code') ?? '', /^[\w-]{20,}$/);
    assert.deepEqual(problems, []);
  });

  /** An authorization by Bremerhaven's registration asking for high (not a demo portal's own request). */
  function askForHigh(state: string, extra: Record<string, string> = {}): string {
    return `${stack.urls.passerelle}/oidc/auth?${new URLSearchParams({
      client_id: 'bremerhaven-kita', redirect_uri: `${stack.urls.bremerhaven}/callback`, response_type: 'code', scope: 'openid profile',
      state, code_challenge: createHash('sha256').update('v'.repeat(43)).digest('base64url'), code_challenge_method: 'S256',
      acr_values: loaUri('high'), ui_locales: 'en', ...extra,
    }).toString()}`;
  }

  it('a portal asking for high: the country page shows Serbia as not available for this service, with the reason, and no way into a login that must fail', async () => {
    await page.goto(askForHigh('serbia-page-high'));
    await page.getByRole('heading', { level: 1, name: 'Log in with your national eID' }).waitFor();
    assert.equal(await page.locator('a[href$="/country/RS"]').count(), 0);
    assert.match(await page.locator('#unavailable-RS').innerText(), /Serbia[\s\S]*Not available for this service: it requires the level “high”, this country's eID reaches “substantial”\./);
    assert.equal(await page.locator('a[href$="/country/DE"]').count(), 1, 'Germany, certified up to high, is offered');
    assert.deepEqual(problems, []);
  });

  it('a portal asking for high with Serbia as its hint: Passerelle says why before the portal gets unmet_authentication_requirements, and never sends her to her IdP', async () => {
    const state = 'serbia-asked-for-high';
    await step('the reason, then back to the portal', async () => {
      await page.goto(askForHigh(state, { country: 'RS' }));
      await page.getByRole('heading', { level: 1, name: 'Your country\'s eID cannot be used for this service' }).waitFor();
      assert.match(await page.getByRole('alert').innerText(), /requires the level of assurance “high”, but the eID of Serbia is certified only up to “substantial”/);
      assert.deepEqual(callbacks, []);
      await page.getByRole('link', { name: 'Continue to Bremerhaven kindergarten application' }).click();
    });
    await page.waitForURL(`${stack.urls.bremerhaven}/**`);
    assert.equal(callbacks.length, 1);
    assert.deepEqual([callbacks[0]!.searchParams.get('error'), callbacks[0]!.searchParams.get('state'), callbacks[0]!.searchParams.get('iss')],
      ['unmet_authentication_requirements', state, `${stack.urls.passerelle}/oidc`]);
    assert.deepEqual(problems, []);
  });
});
