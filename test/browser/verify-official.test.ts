import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { withdrawConsent } from '../../src/evidence/consent/withdraw.js';
import { chromiumAvailable, inStep, launchChromium, skipNote, watchPage, type Chromium } from './support/chromium.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';
import { shareGiuliasCertificate, type SharedCertificate } from './support/shared-certificate.js';

/**
 * An official at /verify in Chromium, on the stack `npm start` runs, after Giulia shared her
 * family-composition certificate with the Bremerhaven portal: with only the PDF, with only the
 * authority's credential, with a tampered PDF, after the sharing expired, after a withdrawal,
 * and with an unknown reference. The verdict at the top is the worst finding, and it is never
 * "Valid" unless the sharing was found and its consent and status checked.
 */
describe(`Browser (Chromium): an official verifies what the applicant handed in${skipNote}`, function () {
  this.timeout(300_000);
  let stack: DemoStack;
  let chrome: Chromium;
  let page: Page;
  const problems: string[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-verify-'));
  let consent: SharedCertificate['consent'];
  let credential: string;
  let pdf: Buffer;
  let tampered: Buffer;
  const files = { pdf: path.join(dir, 'certificate.pdf'), tampered: path.join(dir, 'tampered.pdf') };
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
    // The unknown reference is a 404 page, and the empty form a 400: both on purpose.
    watchPage(page, problems, (status, url) => url.includes('/verify'));
    await step('Giulia logs in and shares her certificate with the portal', async () => {
      ({ consent, credential, pdf, tampered } = await shareGiuliasCertificate(stack, page));
    });
    writeFileSync(files.pdf, pdf);
    writeFileSync(files.tampered, tampered);
  });

  after(async () => {
    await chrome?.close();
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function verify(fill: { pdf?: string; credential?: string }): Promise<string> {
    await page.goto(`${stack.urls.passerelle}/verify?lang=en`);
    if (fill.credential) await page.getByLabel('Credential of the issuing authority (optional)').fill(fill.credential);
    if (fill.pdf) await page.getByLabel('Document (optional)').setInputFiles(fill.pdf);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    return page.locator('section[aria-labelledby="result"]').innerText();
  }

  it('with only the PDF: valid, the sharing found by its digest, the holder named with her date of birth', async () => {
    await step('PDF only', async () => {
      const result = await verify({ pdf: files.pdf });
      assert.match(result, /^Result\s+Valid: genuine, unaltered, and shared with consent that is still in force\s+Holder\s+Giulia Rossi\s+Holder's date of birth\s+April 12, 1988/);
      assert.match(result, /Checked: the sharing this document was shared in \(found by its SHA-256 digest\), its consent and its status\./);
    });
    assert.deepEqual(problems, []);
  });

  it('with only the authority\'s credential: valid, the sharing found by the credential', async () => {
    await step('credential only', async () => {
      const result = await verify({ credential });
      assert.match(result, /^Result\s+Valid: /);
      assert.match(result, /found by its digest/);
    });
  });

  it('a tampered PDF: not confirmed, and the page says consent and status could not be checked', async () => {
    await step('tampered PDF', async () => {
      const result = await verify({ pdf: files.tampered });
      assert.match(result, /^Result\s+Not confirmed: no sharing at Passerelle matches what you provided, so consent and status could NOT be checked/);
      assert.doesNotMatch(result, /Valid:/);
    });
  });

  it('after the sharing period ended: not valid, expired', async () => {
    // Passerelle's clock moves past the end of the sharing period, as if the official checked months later.
    const clock = stack.passerelle.ctx.clock as { now: () => number };
    const realNow = clock.now;
    clock.now = () => Number(consent.expires_at) + 60_000;
    try {
      await step('expired', async () => {
        assert.match(await verify({ pdf: files.pdf }), /^Result\s+Not valid: the sharing period or the document's validity has ended/);
      });
    } finally {
      clock.now = realNow;
    }
  });

  it('after the citizen withdrew: not valid, withdrawn, with the PDF alone and with the credential alone', async () => {
    await withdrawConsent(stack.passerelle.ctx, consent.citizen_key, consent.id);
    await step('withdrawn', async () => {
      assert.match(await verify({ pdf: files.pdf }), /^Result\s+Not valid: the citizen has withdrawn consent to this sharing/);
      assert.match(await verify({ credential }), /^Result\s+Not valid: the citizen has withdrawn consent to this sharing/);
    });
  });

  it('an unknown reference: a clear "not found" with the form, and the language switch keeps the reference', async () => {
    await step('unknown reference', async () => {
      await page.goto(`${stack.urls.passerelle}/verify?share=00000000-0000-4000-8000-000000000000&lang=en`);
      await page.getByText('Not found: Passerelle knows no sharing with this reference').waitFor();
      await page.getByRole('link', { name: 'Deutsch' }).click();
      assert.match(page.url(), /share=00000000-0000-4000-8000-000000000000/);
      await page.getByText('Nicht gefunden: Passerelle kennt keine Freigabe mit dieser Referenz').waitFor();
      await page.getByRole('button', { name: 'Prüfen', exact: true }).waitFor();
    });
  });
});
