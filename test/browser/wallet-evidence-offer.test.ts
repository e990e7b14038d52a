import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inStep, skipNote, type Chromium } from './support/chromium.js';
import { openDemoBrowser, type DemoStack } from './support/demo-stack.js';

/**
 * On the `npm start` stack, Giulia puts her family-composition certificate into the demo wallet:
 * from the preview she makes an offer, follows its same-device link to the demo wallet (the
 * demo's walletOfferEndpoint), and receives both formats as batches of 5, once with the code the
 * offer page shows (pre-authorized code) and once by signing in at Passerelle (authorization
 * code with PKCE, her Passerelle session from the login).
 */
describe(`Browser (Chromium): the demo wallet receives evidence credentials through both flows${skipNote}`, function () {
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

  async function offerPage(preview: string): Promise<string> {
    await page.goto(preview);
    await page.locator('form[action$="/items/0/wallet"] button').click();
    await page.waitForURL('**/items/0/wallet/*');
    const code = (await page.locator('#tx-code').innerText()).trim();
    assert.match(code, /^\d{6}$/);
    await page.locator('#wallet-offer-link').click();
    await page.waitForURL(`${stack.urls.wallet}/offer?**`);
    await page.getByRole('radio', { name: /Giulia Rossi/ }).check();
    return code;
  }

  it('receives 5 SD-JWT VCs and 5 mdocs with the tx_code, and again through the authorization code flow', async () => {
    const { urls } = stack;
    let preview = '';
    await step('login and fetch', async () => {
      await page.goto(`${urls.bremerhaven}/?lang=en`);
      await page.locator('a[href="/login"]').first().click();
      await page.waitForURL(`${urls.passerelle}/interaction/**`);
      await page.locator('a[href$="/country/IT"]').click();
      await page.waitForURL(`${urls.idp}/it/**`);
      await page.locator('input[name="loa"][value="substantial"]').check();
      await page.locator('button[name="citizen"][value="it-giulia-rossi"]').click();
      await page.waitForURL(`${urls.passerelle}/interaction/**`);
      await page.locator('button[name="decision"][value="share"]').click();
      await page.waitForURL(`${urls.bremerhaven}/**`);
      await page.locator('form[action="/evidence/family-composition/request"] button').click();
      await page.waitForURL(`${urls.passerelle}/evidence/flow/*`);
      await page.locator('form[action$="/items/0/request"] button').click();
      await page.waitForURL('**/items/0/preview');
      preview = page.url();
    });
    await step('pre-authorized code with the tx_code', async () => {
      const code = await offerPage(preview);
      await page.getByLabel('Code shown by the issuer').fill(code);
      await page.getByRole('button', { name: 'Receive with the code' }).click();
      await page.locator('#received').waitFor();
      const received = await page.locator('#received').innerText();
      assert.match(received, /5 × dc\+sd-jwt \(evidence\.family-composition\.sd_jwt\)/);
      assert.match(received, /5 × mso_mdoc \(evidence\.family-composition\.mdoc\)/);
    });
    await step('authorization code with PKCE', async () => {
      await offerPage(preview);
      await page.getByRole('button', { name: 'Sign in at the issuer instead' }).click();
      await page.locator('#received').waitFor();
      assert.equal(new URL(page.url()).origin, urls.wallet);
      await page.goto(`${urls.wallet}/`);
      assert.equal(await page.locator('#evidence-held li').count(), 4);
    });
    const issued = await stack.database.db.knex('evidence_vci_credentials').count({ n: '*' }).first();
    assert.equal(Number(issued!.n), 20);
    assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
  });
});
