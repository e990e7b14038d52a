import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { evidenceTitle } from '../catalogue/index.js';
import type { ConsentRow } from '../consent/records.js';
import type { ItemRow } from '../vault/items.js';
import { formatDate, localTime, pickText } from '../web/format.js';
import { requestTexts } from '../web/request-texts.js';
import { recipientName } from '../web/recipient-name.js';
import { confirmMessages } from './confirm-messages.js';
import { dashboardMessages } from './messages.js';

/**
 * Withdraw, Delete and Revoke (a mandate, mandate/revoke-confirm.ts) ask first, on a page of their own (no JavaScript needed): what exactly
 * ends, then a form that does it and a way back that changes nothing.
 */
export function confirmPage(options: { lang: Language; title: string; summary: SafeHtml; explain: SafeHtml; action: string; csrf: string; yes: string; path: string }): string {
  const t = translator(confirmMessages, options.lang);
  return page({
    title: options.title, lang: options.lang, path: options.path,
    body: html`<p><a href="/me">← ${t('keep')}</a></p>
<h1>${options.title}</h1>
${options.summary}
${options.explain}
<form method="post" action="${options.action}">
<input type="hidden" name="csrf" value="${options.csrf}">
<div class="actions"><button type="submit" class="danger">${options.yes}</button><a class="button secondary" href="/me">${t('keep')}</a></div>
</form>`,
  });
}

/** The terms of a consent as /me lists them: to whom, what, for which procedure and purpose, since and until when. */
export function consentSummary(ctx: AppContext, consent: ConsentRow, lang: Language): SafeHtml {
  const d = translator(dashboardMessages, lang);
  const texts = requestTexts(ctx, { clientId: consent.client_id, evidenceType: consent.evidence_type, procedure: consent.procedure, purpose: consent.purpose, lang });
  return html`<dl class="data">
<dt>${d('portal')}</dt><dd>${recipientName(ctx, consent.client_id, lang)}</dd>
<dt>${d('type')}</dt><dd>${evidenceTitle(consent.evidence_type, lang) ?? consent.evidence_type}</dd>
${texts.procedure ? html`<dt>${d('procedure')}</dt><dd>${texts.procedure}</dd>` : ''}
<dt>${d('purpose')}</dt><dd>${texts.purpose}</dd>
<dt>${d('given')}</dt><dd>${localTime(consent.given_at, lang)}</dd>
<dt>${d('expires')}</dt><dd>${localTime(consent.expires_at, lang)}</dd>
</dl>`;
}

export function withdrawConfirmPage(ctx: AppContext, input: { lang: Language; consent: ConsentRow; csrf: string }): string {
  const { lang, consent } = input;
  const t = translator(confirmMessages, lang);
  const portal = recipientName(ctx, consent.client_id, lang);
  const action = `/me/consents/${consent.id}/withdraw`;
  return confirmPage({
    lang, title: t('withdrawTitle'), summary: consentSummary(ctx, consent, lang), explain: html`<p>${t('withdrawExplain', { portal })}</p>`,
    action, csrf: input.csrf, yes: t('withdrawYes'), path: action,
  });
}

export function eraseConfirmPage(ctx: AppContext, input: { lang: Language; item: ItemRow; activeConsents: number; csrf: string }): string {
  const { lang, item } = input;
  const t = translator(confirmMessages, lang);
  const d = translator(dashboardMessages, lang);
  const action = `/me/evidence/${item.id}/erase`;
  const summary = html`<dl class="data">
<dt>${d('type')}</dt><dd>${evidenceTitle(item.evidence_type, lang) ?? item.evidence_type}</dd>
<dt>${d('authority')}</dt><dd>${pickText(ctx.config.issuingAuthorities.find((a) => a.id === item.authority_id)?.name, lang, item.authority_id)}</dd>
<dt>${d('received')}</dt><dd>${formatDate(item.fetched_at, lang)}</dd>
</dl>`;
  return confirmPage({
    lang, title: t('eraseTitle'), summary, explain: html`<p>${t('eraseExplain')}</p><p><strong>${t('eraseConsents', { n: input.activeConsents })}</strong></p>`,
    action, csrf: input.csrf, yes: t('eraseYes'), path: action,
  });
}
