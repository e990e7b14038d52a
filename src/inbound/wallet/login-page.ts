import type { Request, Response } from 'express';
import qrcode from 'qrcode-generator';
import { PasserelleError } from '../../core/errors.js';
import { html, raw } from '../../web/html.js';
import { pageLanguage, translator } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { browserBindingOf } from './browser-binding.js';
import { walletMessages } from './messages.js';
import type { WalletSetup } from './setup.js';
import { findTransaction, type WalletTransaction } from './transaction-store.js';

/** The wallet invocation: the wallet's authorization endpoint with our client id and the request by reference. */
export function walletInvocationUrl(setup: WalletSetup, txId: string): string {
  const endpoint = setup.ctx.config.wallet?.authorizationEndpoint ?? 'openid4vp://';
  const query = new URLSearchParams({
    client_id: setup.access.clientId,
    request_uri: `${setup.ctx.config.publicUrl}/wallet/request/${txId}`,
    request_uri_method: 'post',
  });
  return endpoint + (endpoint.includes('?') ? '&' : '?') + query.toString();
}

function qrSvg(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 4, margin: 4, scalable: true });
}

/** A live transaction of this browser, or a refusal that changes nothing. */
export async function browserTransaction(setup: WalletSetup, req: Request): Promise<WalletTransaction> {
  const binding = browserBindingOf(req);
  const tx = binding ? await findTransaction(setup.ctx.db, { id: String(req.params.id ?? '') }, setup.ctx.clock.now()) : undefined;
  if (!tx || tx.browserBinding !== binding) throw new PasserelleError('wallet_transaction_unknown', 'no live transaction of this browser');
  return tx;
}

/**
 * GET /wallet/login/:id: the same-device link, the QR code for a wallet on another device,
 * and a Continue button. With JavaScript the page polls and continues by itself; without it
 * the button does the same. Where the browser has the W3C Digital Credentials API, the script
 * also reveals a button that asks a wallet through the browser (hidden otherwise, and without
 * JavaScript). Nothing here needs an inline script or style.
 */
export function showWalletLogin(setup: WalletSetup, portalName: (clientId: string, lang: string) => string) {
  return async (req: Request, res: Response): Promise<void> => {
    const tx = await browserTransaction(setup, req);
    renderWalletLogin(setup, req, res, tx, portalName(tx.clientId, pageLanguage(req, res)), false);
  };
}

export function renderWalletLogin(setup: WalletSetup, req: Request, res: Response, tx: WalletTransaction, portal: string, notYet: boolean): void {
  const lang = pageLanguage(req, res);
  const t = translator(walletMessages, lang);
  const invocation = walletInvocationUrl(setup, tx.id);
  res.setHeader('Cache-Control', 'no-store');
  res.status(notYet ? 409 : 200).type('html').send(page({
    title: t('title'),
    lang,
    path: `/wallet/login/${tx.id}`,
    body: html`<h1>${t('title')}</h1>
<p>${t('intro', { portal })}</p>
${notYet ? html`<div class="error" role="alert"><p>${t('notYet')}</p></div>` : ''}
<div id="wallet-dc-api" hidden data-request-url="/wallet/login/${tx.id}/dc-request" data-response-url="/wallet/login/${tx.id}/dc-response">
<p><button type="button" id="wallet-dc-api-button">${t('dcApi')}</button></p>
<div class="error" id="wallet-dc-api-error" role="alert" hidden><p>${t('dcApiFailed')}</p></div>
<p>${t('dcApiOr')}</p>
</div>
<p><a class="button" id="wallet-same-device" href="${invocation}">${t('sameDevice')}</a></p>
<p>${t('crossDevice')}</p>
<figure class="qr" role="img" aria-label="${t('qrLabel')}">${raw(qrSvg(invocation))}</figure>
<p class="muted" id="wallet-status" role="status" aria-live="polite" data-status-url="/wallet/login/${tx.id}/status" data-continue-url="/wallet/login/${tx.id}/continue">${t('waiting')}</p>
<div class="actions"><a class="button" id="wallet-continue" href="/wallet/login/${tx.id}/continue">${t('continue')}</a>
<a class="button secondary" href="/interaction/${tx.flowId}">${t('otherWay')}</a></div>
<script src="/static/wallet-login.js" defer></script>`,
  }));
}
