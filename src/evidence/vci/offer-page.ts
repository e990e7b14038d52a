import qrcode from 'qrcode-generator';
import { html, raw, type SafeHtml } from '../../web/html.js';
import { htmlTranslator, translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { localTime } from '../../web/dates.js';
import { vciMessages } from './messages.js';
import { txCodeMaxAttempts } from './settings.js';

function qrSvg(text: string): string {
  const qr = qrcode(0, 'L');
  qr.addData(text);
  qr.make();
  return qr.createSvgTag({ cellSize: 3, margin: 4, scalable: true });
}

/** The button on the preview page that makes an offer for this document. */
export function walletOfferForm(lang: Language, action: string, csrf: string): SafeHtml {
  const t = translator(vciMessages, lang);
  return html`<section aria-labelledby="wallet-offer">
<h2 id="wallet-offer">${t('offerButton')}</h2>
<p>${t('offerHint')}</p>
<form method="post" action="${action}"><input type="hidden" name="csrf" value="${csrf}">
<button type="submit" class="secondary">${t('offerButton')}</button></form>
</section>`;
}

export interface OfferPageModel {
  lang: Language;
  path: string;
  back: string;
  document: string;
  offerUri: string;
  txCode: string;
  expiresAt: number;
  /** What ends the wallet copies, and the back link's text, where they differ from a document's (a mandate's offer). */
  revokeNote?: string;
  backLabel?: string;
}

/**
 * The offer: a same-device link, a QR code for a wallet on another device, and the tx_code the
 * wallet will ask for. No script: everything works as plain HTML under the strict CSP.
 */
export function offerPage(model: OfferPageModel): string {
  const t = translator(vciMessages, model.lang);
  const title = t('title', { document: model.document });
  return page({
    title, lang: model.lang, path: model.path,
    body: html`<p><a href="${model.back}">← ${model.backLabel ?? t('back')}</a></p>
<h1>${title}</h1>
<p>${t('intro')}</p>
<p><a class="button" id="wallet-offer-link" href="${model.offerUri}">${t('sameDevice')}</a></p>
<p>${t('crossDevice')}</p>
<figure class="qr" role="img" aria-label="${t('qrLabel', { document: model.document })}">${raw(qrSvg(model.offerUri))}</figure>
<h2>${t('txCodeHeading')}</h2>
<p class="notice"><strong id="tx-code">${model.txCode}</strong></p>
<p>${t('txCodeHelp', { attempts: txCodeMaxAttempts })}</p>
<p class="muted">${htmlTranslator(vciMessages, model.lang)('validUntil', { time: localTime(model.expiresAt, model.lang) })}</p>
<p class="muted">${model.revokeNote ?? t('revokeNote')}</p>`,
  });
}
