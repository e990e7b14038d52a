import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { evidenceTitle } from '../catalogue/index.js';
import { decisionSection, requestTerms, type DecisionModel } from '../interaction/decision-section.js';
import { flowPath } from '../interaction/flow-access.js';
import type { FlowRequest } from '../interaction/flow-store.js';
import { flowMessages } from '../interaction/messages.js';
import type { ItemRow } from '../vault/items.js';
import { formatCalendarDate, formatDate, pickText } from '../web/format.js';
import { mandateExpiry } from './issue.js';
import { mandateMessages } from './messages.js';
import type { ChildChoice, Qualification } from './who-qualifies.js';

const fullName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

/** The latest end any of the offered children's mandates can have (the page shows one date). */
function latestEnd(now: number, item: ItemRow, children: readonly ChildChoice[]): number {
  return Math.max(...children.map((child) => mandateExpiry(now, item, child)));
}

/** Why this document yields no mandate, with its stable code: on the preview and on the request page. */
export function refusalNotice(lang: Language, code: 'mandate_not_parent' | 'mandate_ambiguous'): SafeHtml {
  const t = translator(mandateMessages, lang);
  return html`<div class="error" role="alert"><p><strong>${t('refusedHeading')}</strong></p><p>${t(`refused_${code}`)}</p><p class="muted">${t('errorCode', { code })}</p></div>`;
}

/** The overview's heading and explanation for a representation request. */
export function mandateRequestIntro(lang: Language, portal: string): { title: string; intro: SafeHtml } {
  const t = translator(mandateMessages, lang);
  return { title: t('sectionTitle'), intro: html`<p>${t('sectionIntro', { portal })}</p>` };
}

/**
 * The terms of the mandate inside the decision form, with the choice of the child (preselected
 * when the document shows only one): the citizen decides while reading who, for whom, until when.
 */
export function mandateDecisionTerms(ctx: AppContext, lang: Language, input: { idx: number; item: ItemRow | undefined; qualification: Qualification | undefined }): SafeHtml {
  const t = translator(mandateMessages, lang);
  const { qualification, item } = input;
  if (!qualification || !item) return html``;
  if (qualification.outcome !== 'qualifies') return html`<dt>${t('mandateLabel')}</dt><dd>${refusalNotice(lang, qualification.code)}</dd>`;
  const now = ctx.clock.now();
  const only = qualification.children.length === 1;
  return html`<dt>${t('mandateLabel')}</dt><dd>${t('mandateTerm', { date: formatDate(latestEnd(now, item, qualification.children), lang) })}
<fieldset><legend>${t('chooseChild')}</legend>
${qualification.children.map((child) => html`<label><input type="radio" name="child_${input.idx}" value="${child.key}"${only ? html` checked` : ''} required> ${t('childOption', { name: fullName(child.person), date: formatCalendarDate(child.person.birthdate, lang) })}</label>`)}
</fieldset></dd>`;
}

export interface MandatePreviewModel {
  decision: DecisionModel;
  idx: number;
  request: FlowRequest;
  item: ItemRow;
  qualification: Qualification;
}

/** The mandate's preview: who acts, for whom, in what, until when, who receives what; then the decision. */
export function mandatePreviewPage(ctx: AppContext, model: MandatePreviewModel): string {
  const { decision, item, qualification, request } = model;
  const { bound, lang, portal } = decision;
  const t = translator(mandateMessages, lang);
  const tf = translator(flowMessages, lang);
  const authority = pickText(ctx.config.issuingAuthorities.find((a) => a.id === item.authority_id)?.name, lang, item.authority_id);
  const basis = html`${evidenceTitle(item.evidence_type, lang) ?? item.evidence_type} (${authority}, ${formatDate(item.issued_at, lang)})`;
  let body: SafeHtml;
  if (qualification.outcome !== 'qualifies') {
    body = html`${refusalNotice(lang, qualification.code)}
<dl class="data"><dt>${t('basedOn')}</dt><dd>${basis}</dd></dl>`;
  } else {
    const now = ctx.clock.now();
    body = html`<h2>${t('childrenHeading')}</h2>
<ul>${qualification.children.map((child) => html`<li>${t('childOption', { name: fullName(child.person), date: formatCalendarDate(child.person.birthdate, lang) })}</li>`)}</ul>
<dl class="data">
<dt>${t('who')}</dt><dd>${fullName(qualification.representative)}</dd>
<dt>${t('relationship')}</dt><dd>${t(`relationship_${qualification.relationship}`)}</dd>
${requestTerms(ctx, tf, bound.flow.client_id, request, lang)}
<dt>${t('recipient')}</dt><dd>${portal}</dd>
<dt>${t('until')}</dt><dd>${t('untilValue', { date: formatDate(latestEnd(now, item, qualification.children), lang) })}</dd>
<dt>${t('basedOn')}</dt><dd>${basis}</dd>
</dl>
<h2>${t('receivesHeading', { portal })}</h2>
<p>${t('receivesExplain')}</p>`;
  }
  const path = `${flowPath(bound.flow.id)}/items/${model.idx}/preview`;
  const content = html`<p><a href="${flowPath(bound.flow.id)}">← ${tf('back')}</a></p>
<h1>${t('previewTitle')}</h1>
<p class="notice">${t('previewNotice', { portal })}</p>
${body}
${decisionSection(ctx, tf, decision)}`;
  return page({ title: t('previewTitle'), lang, body: content, path });
}
