import assert from 'node:assert/strict';
import { csrfOf, locationOf, TestBrowser } from './browser.js';
import type { EvidenceHarness } from './harness.js';
import { fetchAll } from './steps.js';
import { holderKey, TestWallet, type HolderKey, type ParsedOffer } from './test-wallet.js';

/** Giulia fetches her family-composition certificate and, on its preview, makes a wallet offer. */
export async function offerFromPreview(h: EvidenceHarness): Promise<{ browser: TestBrowser; flow: string; offer: ParsedOffer; txCode: string; page: string }> {
  const browser = new TestBrowser(h.url);
  const flow = await fetchAll(h, browser);
  const preview = await (await browser.get(`${flow}/items/0/preview`)).text();
  const made = await browser.post(`${flow}/items/0/wallet`, { csrf: csrfOf(preview) });
  assert.equal(made.status, 303, await made.text());
  const response = await browser.get(locationOf(made));
  assert.equal(response.status, 200);
  const page = await response.text();
  const link = /id="wallet-offer-link" href="([^"]+)"/.exec(page)![1]!;
  const txCode = /id="tx-code">(\d+)</.exec(page)![1]!;
  return { browser, flow, offer: TestWallet.parseOffer(link), txCode, page };
}

export async function keys(n: number): Promise<HolderKey[]> {
  return Promise.all(Array.from({ length: n }, () => holderKey()));
}

/** A batch of `n` credentials of one configuration through the pre-authorized code flow. */
export async function issueBatch(h: EvidenceHarness, wallet: TestWallet, token: string, configuration: string, holders: HolderKey[]): Promise<string[]> {
  const nonce = await wallet.nonce();
  const response = await wallet.credential(token, configuration, await Promise.all(holders.map((k) => wallet.proof(k, nonce))));
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { credentials: Array<{ credential: string }> }).credentials.map((c) => c.credential);
}

export async function preAuthorizedToken(wallet: TestWallet, offer: ParsedOffer, txCode: string): Promise<string> {
  const response = await wallet.preAuthorizedToken(offer, txCode);
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { access_token: string }).access_token;
}

