import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { evidenceTitle, nationalDocument } from '../catalogue/index.js';
import type { AuthorityPort } from '../ports.js';
import type { ItemRow } from '../vault/items.js';
import { formatDate, pickText } from '../web/format.js';
import { decisionSection, requestTerms, type DecisionModel } from './decision-section.js';
import { mandateRequestIntro } from '../mandate/flow-pages.js';
import { mandateMessages } from '../mandate/messages.js';
import { flowPath, type BoundFlow } from './flow-access.js';
import type { FlowRequest } from './flow-store.js';
import { flowMessages, type FlowMessage } from './messages.js';

type T = ReturnType<typeof translator<FlowMessage>>;

export interface OverviewModel {
  bound: BoundFlow;
  country: string;
  lang: Language;
  /** Per request: the linked item, and what the vault could offer instead. */
  linked: Array<ItemRow | undefined>;
  reusable: ItemRow[][];
  mandates?: DecisionModel['mandates'];
}

/** The first page after login: what is asked, by whom, why; fetch or reuse; then decide. */
export function overviewPage(ctx: AppContext, authorities: AuthorityPort, model: OverviewModel): string {
  const { bound, lang } = model;
  const t = translator(flowMessages, lang);
  const portal = pickText(ctx.config.portals.find((p) => p.clientId === bound.flow.client_id)?.name, lang, bound.flow.client_id);
  const authorityName = (id: string) => pickText(ctx.config.issuingAuthorities.find((a) => a.id === id)?.name, lang, id);
  const sections = bound.flow.requests.map((request, idx) => requestSection(ctx, authorities, model, t, { request, idx, portal, authorityName }));
  const decision = decisionSection(ctx, t, {
    bound, portal, lang, ready: model.linked.every(Boolean), hasFetched: bound.items.some((item) => item.source === 'fetched'), on: 'overview',
    ...(model.mandates ? { mandates: model.mandates } : {}),
  });
  const body = html`<h1>${t('title', { portal })}</h1>
<p class="notice">${t('intro', { portal })}</p>
${sections}
${decision}`;
  return page({ title: t('title', { portal }), lang, body, path: flowPath(bound.flow.id) });
}

function requestSection(ctx: AppContext, authorities: AuthorityPort, model: OverviewModel, t: T, input: {
  request: FlowRequest; idx: number; portal: string; authorityName: (id: string) => string;
}): SafeHtml {
  const { request, idx, authorityName } = input;
  const { bound, lang, country } = model;
  const mandate = request.representation ? mandateRequestIntro(lang, input.portal) : undefined;
  const title = mandate?.title ?? evidenceTitle(request.evidenceType, lang) ?? request.evidenceType;
  const national = nationalDocument(request.evidenceType, country);
  const countryName = pickText(ctx.config.countries.find((c) => c.code === country)?.names, lang, country);
  const linked = model.linked[idx];
  const link = bound.items[idx];
  const base = `${flowPath(bound.flow.id)}/items/${idx}`;
  const error = link?.last_error ? html`<div class="error" role="alert"><p>${t(`error_${link.last_error}` as FlowMessage)}</p></div>` : '';
  let state: SafeHtml;
  if (linked) {
    const text = link?.source === 'reused' ? 'readyReused' : 'readyFetched';
    state = html`<p class="status-valid">${t(text, { authority: authorityName(linked.authority_id), fetched: formatDate(linked.fetched_at, lang) })}</p>
<p><a href="${base}/preview">${mandate ? translator(mandateMessages, lang)('previewLink') : t('previewLink')}</a></p>`;
  } else {
    const authority = authorities.authorityFor(ctx, country, request.evidenceType);
    const reuse = model.reusable[idx] ?? [];
    state = html`${error}
${reuse.length > 0 ? html`<h3>${t('reuseHeading')}</h3><ul class="choices">${reuse.map((item) => html`<li><form method="post" action="${base}/reuse">
<input type="hidden" name="csrf" value="${bound.csrfToken}"><input type="hidden" name="evidence_id" value="${item.id}">
<p>${t('reuseItem', { authority: authorityName(item.authority_id), fetched: formatDate(item.fetched_at, lang), valid: formatDate(item.valid_until, lang) })}</p>
<button type="submit" class="secondary">${t('reuseButton')}</button></form></li>`)}</ul><h3>${t('orRequest')}</h3>` : ''}
${authority ? html`<form method="post" action="${base}/request">
<input type="hidden" name="csrf" value="${bound.csrfToken}">
<p>${t('requestExplain', { authority: pickText(authority.name, lang, authority.id) })}</p>
<button type="submit">${t('requestButton', { authority: pickText(authority.name, lang, authority.id) })}</button></form>` : html`<p>${t('noAuthority')}</p>`}`;
  }
  return html`<section aria-labelledby="req-${idx}">
<h2 id="req-${idx}">${title}</h2>
${mandate?.intro ?? ''}
<dl class="data">
${national ? html`<dt>${t('nationalName', { country: countryName })}</dt><dd lang="${national.lang}">${national.name}</dd>` : ''}
<dt>${t('requestedBy')}</dt><dd>${input.portal}</dd>
${requestTerms(ctx, t, bound.flow.client_id, request, lang)}
</dl>
${state}
</section>`;
}
