import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inStep, launchChromium, skipNote, type Chromium } from './support/chromium.js';
import { openDemoBrowser, type DemoStack } from './support/demo-stack.js';

/**
 * Giulia's login with her EU Digital Identity Wallet instead of her national eID, clicked through
 * in Chromium on the stack `npm start` runs: the Bremerhaven portal, Passerelle's choice page
 * ("EU Digital Identity Wallet" beside the countries), the wallet page with its QR code, the demo
 * web wallet (same device) showing which portal asks, her SD-JWT VC PID shared, Passerelle's
 * identity consent, and the portal with her data and the wallet's level; then, still logged in with
 * her wallet, the rest of the Bremerhaven story: her family certificate requested from the Italian
 * register, previewed and shared, shown by the portal. Then the login with the
 * mdoc PID, cross-device: the wallet answers from another browser context, and the first page,
 * polling, continues by itself.
 */
describe(`Browser (Chromium): Giulia logs in with her EU Digital Identity Wallet on the npm start stack${skipNote}`, function () {
  this.timeout(240_000);
  let stack: DemoStack;
  let chrome: Chromium;
  let page: Page;
  const problems: string[] = [];

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    ({ stack, chrome, page } = await openDemoBrowser(problems));
  });

  after(async () => {
    await chrome?.close();
    await stack?.close();
  });

  const step = (name: string, run: () => Promise<void>) => inStep(page, problems, name, run);

  async function toWalletPage(): Promise<void> {
    const { urls } = stack;
    await page.goto(`${urls.bremerhaven}/?lang=en`);
    await page.getByRole('link', { name: 'Log in with a European eID' }).click();
    await page.waitForURL(`${urls.passerelle}/interaction/**`);
    await page.getByRole('link', { name: 'EU Digital Identity Wallet' }).click();
    await page.waitForURL(`${urls.passerelle}/wallet/login/**`);
    await page.getByRole('heading', { level: 1, name: 'Log in with your EU Digital Identity Wallet' }).waitFor();
    await page.getByRole('img', { name: 'QR code to open the login in your wallet' }).waitFor();
  }

  async function consentAndPortal(): Promise<void> {
    const { urls } = stack;
    // Cross device, the page gets there by its own polling: allow a busy machine its time.
    await page.waitForURL(`${urls.passerelle}/interaction/**`, { timeout: 90_000 });
    await page.getByRole('heading', { name: 'Share your data with Bremerhaven kindergarten application?' }).waitFor();
    await page.getByRole('button', { name: 'Share and continue' }).click();
    await page.waitForURL(`${urls.bremerhaven}/`);
    await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
    const text = await page.getByRole('main').innerText();
    assert.match(text, /Name\s+Giulia Rossi/);
    assert.match(text, /Date of birth\s+1988-04-12/);
    assert.match(text, /Country of the eID\s+Italy/);
    assert.match(text, /Level of assurance\s+high · EU Digital Identity Wallet/);
  }

  it('same device: the wallet opens from the page, names the portal, and her SD-JWT VC PID logs her in at high', async () => {
    const { urls } = stack;
    await step('portal → choice → wallet page', toWalletPage);
    await step('demo wallet', async () => {
      await page.getByRole('link', { name: 'Open the wallet on this device' }).click();
      await page.waitForURL(`${urls.wallet}/authorize**`);
      await page.getByRole('heading', { name: 'Bremerhaven kindergarten application asks for your PID' }).waitFor();
      await page.getByRole('radio', { name: /Giulia Rossi/ }).check();
      await page.getByRole('radio', { name: 'SD-JWT VC' }).check();
      await page.getByRole('button', { name: 'Share' }).click();
    });
    await step('consent and portal', consentAndPortal);
    assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
  });

  it('after her wallet login she fetches her family certificate from the Italian register (found by her PID\'s number), previews it and shares it with Bremerhaven', async () => {
    const { urls } = stack;
    const main = () => page.getByRole('main');
    await step('attach', async () => {
      await page.getByRole('region', { name: 'Proof of family composition' }).getByRole('button', { name: 'Attach proof of family composition' }).click();
      await page.waitForURL(`${urls.passerelle}/evidence/flow/*`);
      await page.getByRole('heading', { level: 1, name: 'Evidence requested by Bremerhaven kindergarten application' }).waitFor();
      await page.getByRole('button', { name: 'Request the document from Italian national population register (demo)' }).click();
    });
    await step('preview', async () => {
      await page.waitForURL('**/items/0/preview');
      await page.getByRole('heading', { level: 1, name: 'Preview: Proof of family composition' }).waitFor();
      const members = page.getByRole('table', { name: 'Household members' });
      assert.equal(await members.getByRole('row').filter({ hasText: 'Sofia' }).filter({ hasText: 'Child' }).count(), 1);
      assert.match(await main().innerText(), /Address\s+Via Giuseppe Palmieri 24\s+73100 Lecce\s+Italy/);
    });
    await step('share, and the portal shows the certificate', async () => {
      const decision = page.getByRole('region', { name: 'Your decision' });
      await decision.getByRole('button', { name: 'Share with Bremerhaven kindergarten application' }).click();
      await page.waitForURL(`${urls.bremerhaven}/#evidence`);
      const section = page.getByRole('region', { name: 'Proof of family composition' });
      await section.getByText('Passerelle sent us this proof on').waitFor();
      assert.match(await section.innerText(), /Issued by\s+Authority in Italy \(it-anagrafe\)/);
      const members = section.getByRole('table', { name: 'Family members listed in the certificate' });
      assert.equal(await members.getByRole('row').filter({ hasText: 'Sofia Bianchi' }).filter({ hasText: 'Child' }).count(), 1);
    });
    assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
  });

  it('cross device: the wallet answers with her mdoc PID from another browser, and the polling page continues by itself', async () => {
    await chrome.context.clearCookies();
    await step('portal → choice → wallet page', toWalletPage);
    const invocation = await page.getByRole('link', { name: 'Open the wallet on this device' }).getAttribute('href');
    assert.ok(invocation);
    const phone = await launchChromium();
    try {
      await step('demo wallet on the other device', async () => {
        const wallet = phone.context.pages()[0] ?? await phone.context.newPage();
        await wallet.goto(invocation, { timeout: 90_000 });
        await wallet.getByRole('radio', { name: /Giulia Rossi/ }).check();
        await wallet.getByRole('radio', { name: 'mdoc' }).check();
        await wallet.getByRole('button', { name: 'Share' }).click();
        await wallet.getByRole('heading', { name: 'Your wallet has answered' }).waitFor();
      });
    } finally {
      await phone.close();
    }
    await step('the first page continues by itself; consent and portal', consentAndPortal);
    assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
  });
});
