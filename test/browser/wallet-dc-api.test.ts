import assert from 'node:assert/strict';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { WalletHolder } from '../../src/demo/wallet/holder.js';
import { answer, giuliasWallet } from '../inbound/wallet/support/wallet-flow.js';
import { startWalletPasserelle, type WalletPasserelle } from '../inbound/wallet/support/wallet-passerelle.js';
import { rpConfig, startAuthorization, type AuthorizationStart } from '../outbound/oidc/support/flow.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { chromiumAvailable, inStep, launchChromium, skipNote, watchPage, type Chromium } from './support/chromium.js';

const dcButton = 'Use a wallet through this browser';

/**
 * The W3C Digital Credentials API on the wallet login page, in Chromium, against a Passerelle
 * with the real verifier. The option is there only where the browser has the API: the page is
 * opened once with `DigitalCredential` taken away, once with a stand-in platform whose
 * `navigator.credentials.get` hands the request (and the page's origin, as a browser does) to a
 * test wallet holding Giulia's PIDs, and once without JavaScript, where the page keeps working
 * as before.
 */
describe(`Browser (Chromium): the Digital Credentials API is offered where the browser has it${skipNote}`, function () {
  this.timeout(180_000);
  let database: TestDatabase;
  let passerelle: WalletPasserelle;
  let chrome: Chromium;
  let holder: WalletHolder;
  const problems: string[] = [];

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    database = await createTestDatabase();
    passerelle = await startWalletPasserelle({ db: database.db });
    holder = await giuliasWallet(passerelle);
    chrome = await launchChromium();
  });

  after(async () => {
    await chrome?.close();
    await passerelle?.close();
    await database?.cleanup();
  });

  /** A fresh page (own cookies) at the wallet login page of a kita login; the portal's redirect URI answered by the test. */
  async function walletPage(page: Page): Promise<{ start: AuthorizationStart; config: client.Configuration; callback: Promise<string> }> {
    const config = await rpConfig(passerelle.issuer, 'kita');
    const start = await startAuthorization(config, 'kita');
    const callback = new Promise<string>((resolve) => {
      void page.route(`${start.redirectUri}**`, (route) => {
        resolve(route.request().url());
        void route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Portal</title><h1>Portal</h1>' });
      });
    });
    await page.goto(start.url.href);
    await page.getByRole('link', { name: 'EU Digital Identity Wallet' }).click();
    await page.waitForURL(`${passerelle.url}/wallet/login/**`);
    await page.getByRole('heading', { level: 1, name: 'Log in with your EU Digital Identity Wallet' }).waitFor();
    return { start, config, callback };
  }

  async function consentAndPortal(page: Page, flow: { start: AuthorizationStart; config: client.Configuration; callback: Promise<string> }): Promise<Record<string, unknown>> {
    await page.waitForURL(`${passerelle.url}/interaction/**`, { timeout: 90_000 });
    await page.getByRole('button', { name: 'Share and continue' }).click();
    const tokens = await client.authorizationCodeGrant(flow.config, new URL(await flow.callback), {
      pkceCodeVerifier: flow.start.verifier, expectedState: flow.start.state, expectedNonce: flow.start.nonce, idTokenExpected: true,
    });
    return tokens.claims()!;
  }

  it('without the API the option is not shown: the same-device link, the QR code and Continue are', async () => {
    const page = await chrome.context.newPage();
    watchPage(page, problems);
    await page.addInitScript({ content: 'delete window.DigitalCredential;' });
    await inStep(page, problems, 'wallet page', async () => {
      await walletPage(page);
      await page.getByRole('link', { name: 'Open the wallet on this device' }).waitFor();
      await page.getByRole('link', { name: 'Continue' }).waitFor();
      assert.equal(await page.getByRole('button', { name: dcButton }).count(), 0, 'no DC API button');
    });
    await page.close();
    assert.deepEqual(problems, []);
  });

  for (const format of ['sd-jwt', 'mdoc'] as const) {
    it(`with the API the option is shown, and her ${format} PID through it logs her in (origin-bound, checked by Passerelle)`, async () => {
      await chrome.context.clearCookies();
      const page = await chrome.context.newPage();
      watchPage(page, problems);
      const asked: string[] = [];
      // The stand-in platform: what a browser hands a wallet (the request and the caller's origin), and the wallet's answer back.
      await page.exposeFunction('passerelleTestWallet', async (entry: string, origin: string) => {
        asked.push(origin);
        const request = await WalletHolder.readDcApiRequest(JSON.parse(entry) as { protocol: string; data: unknown }, origin);
        return JSON.stringify((await WalletHolder.dcApiCredential(request, await answer(request, holder, format))).data);
      });
      // As text: a function here would be compiled with helpers the page does not have.
      await page.addInitScript({ content: `
        window.DigitalCredential = function DigitalCredential() {};
        Object.defineProperty(navigator, 'credentials', { configurable: true, value: { get: function (options) {
          var entry = options.digital.requests[0];
          return window.passerelleTestWallet(JSON.stringify(entry), window.location.origin)
            .then(function (data) { return { protocol: entry.protocol, data: JSON.parse(data) }; });
        } } });` });
      let claims: Record<string, unknown> = {};
      await inStep(page, problems, 'wallet page → DC API → consent → portal', async () => {
        const flow = await walletPage(page);
        await page.getByRole('button', { name: dcButton }).click();
        claims = await consentAndPortal(page, flow);
      });
      assert.deepEqual(asked, [new URL(passerelle.url).origin], 'the wallet was asked once, from Passerelle\'s origin');
      assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
      await page.close();
      assert.deepEqual(problems, [], 'no console errors, CSP violations or failed requests');
    });
  }

  it('without JavaScript the option stays hidden and the login works as before: the wallet answers from elsewhere, Continue finishes', async () => {
    const plain = await launchChromium({ javaScript: false });
    try {
      const page = await plain.context.newPage();
      watchPage(page, problems);
      await inStep(page, problems, 'no-JS wallet login', async () => {
        const flow = await walletPage(page);
        assert.equal(await page.getByRole('button', { name: dcButton }).count(), 0, 'no DC API button without JavaScript');
        const invocation = await page.getByRole('link', { name: 'Open the wallet on this device' }).getAttribute('href');
        const request = await WalletHolder.fetchRequest(invocation!);
        const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, 'mdoc'));
        assert.equal(sent.status, 200);
        await page.getByRole('link', { name: 'Continue' }).click();
        const claims = await consentAndPortal(page, flow);
        assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
      });
      assert.deepEqual(problems, []);
    } finally {
      await plain.close();
    }
  });
});
