import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { demoCitizens } from '../../../../src/demo/citizens.js';
import { WalletHolder, type WalletRequest } from '../../../../src/demo/wallet/holder.js';
import { hiddenInput, TestBrowser, type Page } from '../../../outbound/oidc/support/browser.js';
import { rpConfig, startAuthorization, toPortal, type AuthorizationStart, type RpName } from '../../../outbound/oidc/support/flow.js';
import type { WalletPasserelle } from './wallet-passerelle.js';

export const giulia = demoCitizens.find((c) => c.key === 'it-giulia-rossi')!;

/** A holder with Giulia's PIDs in both formats from a provider (Italy's unless told). */
export async function giuliasWallet(passerelle: WalletPasserelle, options: { provider?: 'italy' | 'rogue'; statusIndex?: number; expiresAt?: number; unbound?: boolean; encodeMdocItem?: (item: Map<string, unknown>) => Uint8Array } = {}): Promise<WalletHolder> {
  const provider = passerelle[options.provider ?? 'italy'];
  const holder = await WalletHolder.create();
  holder.sdJwt = await provider.issueSdJwt(giulia, holder.publicJwk, {
    ...(options.statusIndex !== undefined ? { statusIndex: options.statusIndex } : {}),
    ...(options.expiresAt !== undefined ? { expiresAt: options.expiresAt, issuedAt: options.expiresAt - 86_400 } : {}),
    ...(options.unbound ? { unbound: true } : {}),
  });
  holder.mdoc = await provider.issueMdoc(giulia, holder.publicJwk, {
    ...(options.expiresAt !== undefined ? { expiresAt: options.expiresAt } : {}),
    ...(options.statusIndex !== undefined ? { statusIndex: options.statusIndex } : {}),
    ...(options.encodeMdocItem ? { encodeItem: options.encodeMdocItem } : {}),
  });
  return holder;
}

export interface WalletStart {
  browser: TestBrowser;
  start: AuthorizationStart;
  config: client.Configuration;
  /** The wallet login page. */
  page: Page;
  /** The same-device link (the QR code encodes the same). */
  invocation: string;
  countryPage: Page;
}

/** The portal sends the browser to Passerelle; the citizen picks the wallet and sees the wallet page. */
export async function startWalletLogin(passerelle: WalletPasserelle, portal: RpName = 'kita', params: Record<string, string> = {}, browser = new TestBrowser()): Promise<WalletStart> {
  const config = await rpConfig(passerelle.issuer, portal);
  const start = await startAuthorization(config, portal, params);
  const countryPage = (await browser.follow(await browser.get(start.url.href))).page;
  const link = /href="(\/interaction\/[^"/]+\/wallet)"/.exec(countryPage.body);
  assert.ok(link, 'the wallet is offered on the country page');
  const page = (await browser.follow(await browser.get(passerelle.url + link[1]!))).page;
  assert.equal(page.status, 200, page.body.slice(0, 400));
  const invocation = /id="wallet-same-device" href="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
  assert.ok(invocation, 'the page has a same-device link');
  return { browser, start, config, page, invocation, countryPage };
}

export async function answer(request: WalletRequest, holder: WalletHolder, format: 'sd-jwt' | 'mdoc', options: Parameters<WalletHolder['presentSdJwt']>[1] = {}) {
  const vp = format === 'sd-jwt' ? { pid_sd_jwt: [await holder.presentSdJwt(request, options)] } : { pid_mdoc: [await holder.presentMdoc(request, options)] };
  // Over the DC API the request has no state, and the answer carries none.
  return { vp_token: vp, ...(request.state !== '' ? { state: request.state } : {}) };
}

/** From the continue page on: consent (share) and back at the portal, then the code is redeemed. */
export async function finishAtPortal(passerelle: WalletPasserelle, flow: WalletStart, continueUrl: string) {
  const stop = toPortal(flow.start.redirectUri);
  let step = await flow.browser.follow(await flow.browser.get(continueUrl), stop);
  // Another account than the session's: oidc-provider ends the old session with a self-submitting form first.
  const endSession = /<form method="post" action="([^"]+\/session\/end\/confirm)">/.exec(step.page.body);
  if (endSession && !step.stoppedAt) {
    const fields = Object.fromEntries([...step.page.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    step = await flow.browser.follow(await flow.browser.post(endSession[1]!, fields), stop);
  }
  if (!step.stoppedAt) {
    const consent = /action="(\/interaction\/[^"]+\/consent)"/.exec(step.page.body);
    assert.ok(consent, `${step.page.status} ${step.page.body.slice(0, 600)}`);
    step = await flow.browser.follow(await flow.browser.post(passerelle.url + consent[1]!, { _csrf: hiddenInput(step.page.body, '_csrf')!, decision: 'share' }), stop);
  }
  assert.ok(step.stoppedAt, 'back at the portal');
  const tokens = await client.authorizationCodeGrant(flow.config, new URL(step.stoppedAt), {
    pkceCodeVerifier: flow.start.verifier, expectedState: flow.start.state, expectedNonce: flow.start.nonce, idTokenExpected: true,
  });
  return { tokens, claims: tokens.claims()! };
}
