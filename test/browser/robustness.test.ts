import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inStep, launchChromium, skipNote, watchPage, type Chromium } from './support/chromium.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';

/**
 * Back, refresh and a second tab, as citizens use browsers, on the stack `npm start` runs:
 * every flow either completes or ends on a page that says what happened and links back to
 * the portal. Two logins in two tabs both complete, and so do two evidence requests.
 */
describe(`Browser (Chromium): back, refresh and two tabs leave every flow completable${skipNote}`, function () {
  this.timeout(300_000);
  let stack: DemoStack;
  let chrome: Chromium;
  const problems: string[] = [];
  const portalName = 'Bremerhaven kindergarten application';

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    stack = await startDemoStack();
    chrome = await launchChromium();
  });

  after(async () => {
    await chrome?.close();
    await stack?.close();
  });

  beforeEach(() => {
    problems.length = 0;
  });

  async function tab(): Promise<Page> {
    const page = await chrome.context.newPage();
    page.setDefaultTimeout(15_000);
    // The "already finished" page is a 400 on purpose.
    watchPage(page, problems, (status) => status === 400);
    return page;
  }

  /** From the portal to the Italian demo IdP's page. */
  async function toIdp(page: Page): Promise<void> {
    await inStep(page, problems, 'portal → Italian IdP', async () => {
      await page.goto(`${stack.urls.bremerhaven}/?lang=en`);
      await page.getByRole('link', { name: 'Log in with a European eID' }).click();
      await page.waitForURL(`${stack.urls.passerelle}/interaction/**`);
      await page.locator('a[href$="/country/IT"]').click();
      await page.waitForURL(`${stack.urls.idp}/it/**`);
    });
  }

  /** `consented`: this browser's session already released the data to the portal, so no consent page. */
  async function loginAndShare(page: Page, consented = false): Promise<void> {
    await inStep(page, problems, 'IdP → consent → portal', async () => {
      await page.getByRole('button', { name: /Giulia Rossi/ }).click();
      if (!consented) {
        await page.getByRole('heading', { name: `Share your data with ${portalName}?` }).waitFor();
        await page.getByRole('button', { name: 'Share and continue' }).click();
      }
      await page.waitForURL(`${stack.urls.bremerhaven}/`);
      await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
    });
  }

  it('two logins started in two tabs both complete', async () => {
    const first = await tab();
    const second = await tab();
    await toIdp(first);
    await toIdp(second);
    await loginAndShare(first);
    await loginAndShare(second, true);
    assert.deepEqual(problems, []);
    await second.close();
  });

  it('refresh on the consent page, then share: the login completes', async () => {
    await chrome.context.clearCookies();
    const page = chrome.context.pages().at(-1)!;
    await toIdp(page);
    await inStep(page, problems, 'refresh the consent page', async () => {
      await page.getByRole('button', { name: /Giulia Rossi/ }).click();
      await page.getByRole('heading', { name: `Share your data with ${portalName}?` }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: 'Share and continue' }).click();
      await page.waitForURL(`${stack.urls.bremerhaven}/`);
      await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
    });
    assert.deepEqual(problems, []);
  });

  it('back after the consent: a page that says the login is finished and links back to the portal', async () => {
    const page = chrome.context.pages().at(-1)!;
    await inStep(page, problems, 'back', async () => {
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'This login is already finished' }).waitFor();
      await page.getByRole('link', { name: `Return to ${portalName}` }).click();
      await page.waitForURL(`${stack.urls.bremerhaven}/`);
      await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
    });
    assert.deepEqual(problems, []);
  });

  it('two evidence requests in two tabs both complete', async () => {
    const first = chrome.context.pages().at(-1)!;
    const second = await tab();
    const attach = async (page: Page) => inStep(page, problems, 'attach', async () => {
      await page.goto(`${stack.urls.bremerhaven}/?lang=en`);
      await page.getByRole('button', { name: 'Attach proof of family composition' }).click();
      await page.waitForURL(`${stack.urls.passerelle}/evidence/flow/*`);
    });
    const share = async (page: Page) => inStep(page, problems, 'request and share', async () => {
      await page.getByRole('button', { name: /^Request the document from / }).click();
      await page.waitForURL('**/items/0/preview');
      await page.getByRole('button', { name: `Share with ${portalName}` }).click();
      await page.waitForURL(`${stack.urls.bremerhaven}/#evidence`);
      await page.getByText('Passerelle sent us this proof on').waitFor();
    });
    await attach(first);
    await attach(second);
    await share(first);
    await share(second);
    assert.deepEqual(problems, []);
  });
});
