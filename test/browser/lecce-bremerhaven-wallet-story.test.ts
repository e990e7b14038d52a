import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inStep, skipNote, type Chromium } from './support/chromium.js';
import { openDemoBrowser, type DemoStack } from './support/demo-stack.js';

/**
 * The extended Lecce → Bremerhaven story of the wallet-and-mandate issue's "done when", clicked
 * through in Chromium on the stack `npm start` runs: Giulia Rossi logs in at Bremerhaven's portal
 * with the Italian demo eID, fetches her family-composition certificate, puts it into the demo
 * wallet from the preview (offer page, same-device link, the code the page shows), gives
 * Bremerhaven a mandate for Sofia (the portal shows "Giulia Rossi, acting for Sofia Bianchi"),
 * and an official verifies at /verify/presentation what her wallet presents for the official's
 * own identifier and nonce: valid, held by that wallet, with exactly the claims she chose.
 * The story without the wallet (sharing, withdrawal, tracker) is lecce-bremerhaven-story.test.ts.
 */
describe(`Browser (Chromium): the extended Lecce → Bremerhaven story, family composition to the wallet, mandate for Sofia, official verifies${skipNote}`, function () {
  this.timeout(300_000);
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
  const main = () => page.getByRole('main');

  it('Giulia logs in with the Italian demo eID and fetches her family-composition certificate to the preview', async () => {
    const { urls } = stack;
    await step('login at the portal', async () => {
      await page.goto(`${urls.bremerhaven}/?lang=en`);
      await page.getByRole('link', { name: 'Log in with a European eID' }).click();
      await page.waitForURL(`${urls.passerelle}/interaction/**`);
      await page.getByRole('link', { name: 'Italy (Italia)' }).click();
      await page.waitForURL(`${urls.idp}/it/**`);
      await page.getByRole('radio', { name: 'Significativo' }).check();
      await page.getByRole('button', { name: /Giulia Rossi/ }).click();
      await page.waitForURL(`${urls.passerelle}/interaction/**`);
      await page.getByRole('button', { name: 'Share and continue' }).click();
      await page.waitForURL(`${urls.bremerhaven}/`);
      await page.getByRole('heading', { level: 1, name: 'Welcome, Giulia' }).waitFor();
    });
    await step('fetch the certificate', async () => {
      await page.getByRole('region', { name: 'Proof of family composition' }).getByRole('button', { name: 'Attach proof of family composition' }).click();
      await page.waitForURL(`${urls.passerelle}/evidence/flow/*`);
      await page.getByRole('button', { name: 'Request the document from Italian national population register (demo)' }).click();
      await page.waitForURL('**/items/0/preview');
      await page.getByRole('heading', { level: 1, name: 'Preview: Proof of family composition' }).waitFor();
    });
    assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
  });

  it('she puts it into the demo wallet from the preview: the offer page\'s code, the same-device link, 5 SD-JWT VCs and 5 mdocs received', async () => {
    const { urls } = stack;
    let code = '';
    await step('the offer page', async () => {
      await page.getByRole('button', { name: 'Put this document into my EU Digital Identity Wallet' }).click();
      await page.waitForURL('**/items/0/wallet/*');
      await page.getByRole('heading', { level: 1, name: /to your wallet$/ }).waitFor();
      await page.getByRole('img', { name: /QR code with the offer/ }).waitFor();
      code = (await page.locator('#tx-code').innerText()).trim();
      assert.match(code, /^\d{6}$/);
      await page.getByRole('link', { name: 'Open the wallet on this device' }).click();
    });
    await step('the demo wallet accepts with the code', async () => {
      await page.waitForURL(`${urls.wallet}/offer?**`);
      await page.getByRole('radio', { name: /Giulia Rossi/ }).check();
      await page.getByLabel('Code shown by the issuer').fill(code);
      await page.getByRole('button', { name: 'Receive with the code' }).click();
      const received = page.locator('#received');
      await received.waitFor();
      assert.match(await received.innerText(), /5 × dc\+sd-jwt \(evidence\.family-composition\.sd_jwt\)/);
      assert.match(await received.innerText(), /5 × mso_mdoc \(evidence\.family-composition\.mdoc\)/);
    });
    await step('the wallet lists what it holds', async () => {
      await page.getByRole('link', { name: 'Back to the wallet' }).click();
      const held = await page.locator('#evidence-held').innerText();
      assert.match(held, /Giulia Rossi: 5 × dc\+sd-jwt/);
    });
    assert.deepEqual(problems, []);
  });

  it('she gives Bremerhaven a mandate for Sofia; the portal shows "Giulia Rossi, acting for Sofia Bianchi"', async () => {
    const { urls } = stack;
    const mandateSection = () => page.getByRole('region', { name: 'Acting for your child' });
    await step('the portal asks for a mandate', async () => {
      await page.goto(`${urls.bremerhaven}/`);
      await mandateSection().getByRole('button', { name: 'Give a mandate for my child' }).click();
      await page.waitForURL(`${urls.passerelle}/evidence/flow/*`);
      await page.getByRole('heading', { level: 2, name: 'Act for your child' }).waitFor();
      await page.getByRole('button', { name: 'Request the document from Italian national population register (demo)' }).click();
    });
    await step('the mandate preview and her agreement', async () => {
      await page.waitForURL('**/items/0/preview');
      await page.getByRole('heading', { level: 1, name: 'Preview: act for your child' }).waitFor();
      assert.match(await main().innerText(), /Sofia Bianchi, born on September 3, 2022/);
      const decision = page.getByRole('region', { name: 'Your decision' });
      assert.ok(await decision.getByRole('radio', { name: 'Sofia Bianchi, born on September 3, 2022' }).isChecked());
      await decision.getByRole('button', { name: 'Agree and send to Bremerhaven kindergarten application' }).click();
    });
    await step('the portal shows who acts for whom', async () => {
      await page.waitForURL(`${urls.bremerhaven}/#mandate`);
      const line = (await mandateSection().locator('#acting-for').innerText()).replace(/\s+/g, ' ').trim();
      assert.equal(line, 'Giulia Rossi, acting for Sofia Bianchi');
    });
    assert.deepEqual(problems, []);
  });

  it('an official verifies at /verify/presentation what the wallet presents for her identifier and nonce: valid, held by the wallet, exactly the chosen claims', async () => {
    const { urls } = stack;
    const official = { audience: 'x509_hash:bremerhaven-kindergarten-desk', nonce: randomBytes(12).toString('base64url') };
    let presentation = '';
    await step('the wallet presents members and the document digest, holding back the rest', async () => {
      await page.goto(`${urls.wallet}/`);
      await page.getByRole('link', { name: 'Present a document to an official' }).click();
      await page.getByRole('link', { name: 'Giulia Rossi: evidence.family-composition.sd_jwt' }).click();
      const shown = page.getByRole('group', { name: 'Data to show' });
      const boxes = shown.getByRole('checkbox');
      for (let i = 0; i < await boxes.count(); i++) {
        const box = boxes.nth(i);
        if (!['members', 'document_digest'].includes(await box.getAttribute('value') ?? '')) await box.uncheck();
      }
      await page.getByLabel('The official\'s identifier').fill(official.audience);
      await page.getByLabel('The official\'s nonce').fill(official.nonce);
      await page.getByRole('button', { name: 'Create the presentation' }).click();
      presentation = (await page.getByLabel('Presentation (SD-JWT VC with key binding)').inputValue()).trim();
      assert.match(presentation, /^ey[\w-]+\.[\w-]+\.[\w-]+(~[\w-]+)+~ey[\w-]+\.[\w-]+\.[\w-]+$/, 'an SD-JWT with disclosures and a key-binding JWT');
    });
    await step('the official verifies it', async () => {
      await page.goto(`${urls.passerelle}/verify?lang=en`);
      await page.getByRole('link', { name: 'Verify a presentation from a citizen\'s EU Digital Identity Wallet' }).click();
      await page.waitForURL(`${urls.passerelle}/verify/presentation`);
      await page.getByLabel('Presentation', { exact: true }).fill(presentation);
      await page.getByLabel('Your identifier as verifier').fill(official.audience);
      await page.getByLabel('Nonce of your request').fill(official.nonce);
      await page.getByRole('button', { name: 'Verify' }).click();
      const result = page.getByRole('status').filter({ has: page.getByRole('heading', { name: 'Result' }) });
      await result.waitFor();
      const text = await result.innerText();
      assert.match(text, /Valid: issued by Passerelle, held by this wallet, not revoked/);
      assert.match(text, /Document\s+Proof of family composition/);
      assert.match(text, /Held by the presenting wallet\s+verified/);
      assert.match(text, /Status\s+valid/);
      const disclosed = await result.locator('#disclosed > dt').allInnerTexts();
      assert.deepEqual(disclosed.map((label) => label.trim()), ['Household members', 'SHA-256 digest of the authority\'s document']);
      assert.match(await result.locator('#disclosed').innerText(), /Sofia/);
      assert.match(text, /Held back\s+.*Address/);
      assert.match(text, /Held back\s+.*Provenance \(authority, request, time of receipt\)/);
    });
    await step('the same presentation for another nonce is refused', async () => {
      await page.getByLabel('Nonce of your request').fill(randomBytes(12).toString('base64url'));
      await page.getByRole('button', { name: 'Verify' }).click();
      const verdict = page.locator('#presentation-verdict');
      await verdict.waitFor();
      assert.match(await verdict.innerText(), /Not valid: not presented by the wallet it was issued to, or not for your request/);
    });
    assert.deepEqual(problems, []);
  });

  it('the demo wallet refuses to present without the official\'s identifier and nonce, or a document it does not hold', async () => {
    const { urls } = stack;
    await page.goto(`${urls.wallet}/evidence/present`);
    const href = await page.getByRole('link', { name: 'Giulia Rossi: evidence.family-composition.sd_jwt' }).getAttribute('href');
    const held = new URL(href ?? '', urls.wallet).href;
    const noNonce = await page.request.post(held, { form: { audience: 'x509_hash:desk', nonce: '', claim: 'members' } });
    assert.equal(noNonce.status(), 400);
    assert.match(await noNonce.text(), /Give the official(?:'|&#39;)s identifier and nonce\./);
    const notHeld = await page.request.post(`${urls.wallet}/evidence/present/99/0`, { form: { audience: 'x509_hash:desk', nonce: 'n' } });
    assert.equal(notHeld.status(), 400);
    assert.match(await notHeld.text(), /This wallet holds no such document\./);
  });
});
