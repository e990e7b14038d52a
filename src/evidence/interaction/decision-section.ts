import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { mandateDecisionTerms, refusalNotice } from '../mandate/flow-pages.js';
import { mandateMessages } from '../mandate/messages.js';
import type { Qualification } from '../mandate/who-qualifies.js';
import type { ItemRow } from '../vault/items.js';
import { evidenceTitle } from '../catalogue/index.js';
import { formatDate } from '../web/format.js';
import { requestTexts } from '../web/request-texts.js';
import { expiryChoices, preselectedExpiry } from './consent-expiry.js';
import { flowPath, type BoundFlow } from './flow-access.js';
import type { FlowRequest } from './flow-store.js';
import type { FlowMessage } from './messages.js';

type T = ReturnType<typeof translator<FlowMessage>>;

export interface DecisionModel {
  bound: BoundFlow;
  portal: string;
  lang: Language;
  /** Every requested entry has a document: sharing is possible. */
  ready: boolean;
  /** Some document was fetched for this flow (keeping it is a choice); reused ones are in the vault already. */
  hasFetched: boolean;
  /** Where the citizen sees this section: on the preview, "not ready" points back to the request page. */
  on: 'overview' | 'preview';
  /** Per representation request (by index): its document and what that document lets the citizen do. */
  mandates?: ReadonlyMap<number, { item: ItemRow | undefined; qualification: Qualification | undefined }>;
}

/**
 * The citizen's decision, the same on the request page and on each preview: what they agree
 * to (recipient, every document with its procedure and purpose, legal basis), for how long,
 * and the two buttons. Both forms carry the flow's CSRF token; share and decline check it.
 */
export function decisionSection(ctx: AppContext, t: T, model: DecisionModel): SafeHtml {
  const { bound, portal } = model;
  const notReady = model.on === 'preview'
    ? html`<p>${t('notReadyPreview', { portal })} <a href="${flowPath(bound.flow.id)}">${t('back')}</a></p>`
    : html`<p>${t('notReady')}</p>`;
  const refused = [...(model.mandates?.values() ?? [])].map((m) => m.qualification).find((q) => q?.outcome === 'refused');
  const share = refused?.outcome === 'refused' ? refusalNotice(model.lang, refused.code) : model.ready ? shareForm(ctx, t, model) : notReady;
  return html`<section aria-labelledby="decision">
<h2 id="decision">${t('decisionHeading')}</h2>
${share}
<form method="post" action="${flowPath(bound.flow.id)}/decline">
<input type="hidden" name="csrf" value="${bound.csrfToken}">
<p>${t('declineExplain', { portal })}</p>
${model.hasFetched ? html`<label><input type="checkbox" name="keep" value="yes"> ${t('keepOnDecline')}</label>` : ''}
<div class="actions"><button type="submit" class="secondary">${t('declineButton')}</button></div>
</form>
</section>`;
}

/** The procedure (when the portal names it) and the purpose of one request, in the citizen's language. */
export function requestTerms(ctx: AppContext, t: T, clientId: string, request: FlowRequest, lang: Language): SafeHtml {
  const texts = requestTexts(ctx, { clientId, evidenceType: request.representation ? 'representation' : request.evidenceType, procedure: request.procedure, purpose: request.purpose, lang });
  return html`${texts.procedure ? html`<dt>${t('procedure')}</dt><dd>${texts.procedure}</dd>` : ''}
<dt>${t('purpose')}</dt><dd>${texts.purpose}</dd>`;
}

function shareForm(ctx: AppContext, t: T, model: DecisionModel): SafeHtml {
  const { bound, portal, lang } = model;
  const choices = expiryChoices(ctx);
  const now = ctx.clock.now();
  const preselected = preselectedExpiry(ctx, bound.flow.client_id);
  const terms = bound.flow.requests.map((request, idx) => (request.representation
    ? html`${mandateDecisionTerms(ctx, lang, { idx, item: model.mandates?.get(idx)?.item, qualification: model.mandates?.get(idx)?.qualification })}
${requestTerms(ctx, t, bound.flow.client_id, request, lang)}`
    : html`<dt>${t('documentLabel')}</dt><dd>${evidenceTitle(request.evidenceType, lang) ?? request.evidenceType}</dd>
${requestTerms(ctx, t, bound.flow.client_id, request, lang)}`));
  // Only a mandate asked: no document is shared, so there is no sharing period to choose (the mandate's own end applies).
  const onlyMandates = bound.flow.requests.every((request) => request.representation);
  return html`<form method="post" action="${flowPath(bound.flow.id)}/share">
<input type="hidden" name="csrf" value="${bound.csrfToken}">
<h3>${t('consentSummary')}</h3>
<dl class="data">
<dt>${t('sharedWith')}</dt><dd>${portal}</dd>
${terms}
</dl>
<p>${t('legalBasis')}</p>
${onlyMandates ? html`<input type="hidden" name="days" value="${preselected}">` : html`<p>${t('shareExplain', { portal })}</p>
<label for="days">${t('expiryLabel')}</label>
<select id="days" name="days">${choices.map((days) => html`<option value="${days}"${days === preselected ? html` selected` : ''}>${t('expiryOption', { days, date: formatDate(now + days * 86_400_000, lang) })}</option>`)}</select>`}
${model.hasFetched ? html`<label><input type="checkbox" name="keep" value="yes"> ${t('keepLabel')}</label>` : ''}
<div class="actions"><button type="submit">${onlyMandates ? translator(mandateMessages, lang)('agreeButton', { portal }) : t('shareButton', { portal })}</button></div>
</form>`;
}
