import type { AppContext } from '../../context.js';
import { html } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { evidenceTitle } from '../catalogue/index.js';
import type { ItemRow, OpenedItem } from '../vault/items.js';
import { dataView, rawJson } from '../web/data-view.js';
import { formatBytes, formatDate, pickText } from '../web/format.js';
import { decisionSection } from './decision-section.js';
import { flowPath, type BoundFlow } from './flow-access.js';
import { flowMessages } from './messages.js';
import { walletOfferForm } from '../vci/offer-page.js';

export interface PreviewModel {
  bound: BoundFlow;
  idx: number;
  item: ItemRow;
  opened: OpenedItem;
  lang: Language;
  /** Every requested entry of the flow has a document, so the decision can be taken here. */
  ready: boolean;
}

/**
 * The preview: the document (opened by the browser, never embedded), its data as people
 * read it and exactly as the portal receives it, and the decision itself, so the citizen
 * decides while looking at what would be sent.
 */
export function previewPage(ctx: AppContext, model: PreviewModel): string {
  const { bound, idx, item, opened, lang } = model;
  const t = translator(flowMessages, lang);
  const portal = pickText(ctx.config.portals.find((p) => p.clientId === bound.flow.client_id)?.name, lang, bound.flow.client_id);
  const authority = pickText(ctx.config.issuingAuthorities.find((a) => a.id === item.authority_id)?.name, lang, item.authority_id);
  const type = evidenceTitle(item.evidence_type, lang) ?? item.evidence_type;
  const documentUrl = `${flowPath(bound.flow.id)}/items/${idx}/document`;
  const path = `${flowPath(bound.flow.id)}/items/${idx}/preview`;
  const decision = decisionSection(ctx, t, {
    bound, portal, lang, ready: model.ready, hasFetched: bound.items.some((link) => link.source === 'fetched'), on: 'preview',
  });
  const body = html`<p><a href="${flowPath(bound.flow.id)}">← ${t('back')}</a></p>
<h1>${t('previewTitle', { type })}</h1>
<p class="notice">${t('previewNotice', { portal })}</p>
<h2>${t('documentHeading')}</h2>
<dl class="data">
<dt>${t('issuedBy')}</dt><dd>${authority}</dd>
<dt>${t('issuedOn')}</dt><dd>${formatDate(item.issued_at, lang)}</dd>
<dt>${t('validUntil')}</dt><dd>${formatDate(item.valid_until, lang)}</dd>
<dt>${t('fileName')}</dt><dd>${item.filename}</dd>
<dt>${t('fileType')}</dt><dd>${item.media_type}</dd>
<dt>${t('fileSize')}</dt><dd>${formatBytes(item.byte_size, lang)}</dd>
<dt>${t('digest')}</dt><dd><code>${item.document_digest}</code></dd>
</dl>
<div class="actions">
${item.media_type === 'application/pdf' ? html`<a class="button" href="${documentUrl}" target="_blank" rel="noopener">${t('openDocument')}</a>` : ''}
<a class="button secondary" href="${documentUrl}?download=1">${t('downloadDocument')}</a>
</div>
<h2>${t('dataHeading', { portal })}</h2>
<p>${t('dataExplain')}</p>
${dataView(item.evidence_type, opened.data, lang)}
<details><summary>${t('rawData')}</summary>${rawJson(opened.data)}</details>
${walletOfferForm(lang, `${flowPath(bound.flow.id)}/items/${idx}/wallet`, bound.csrfToken)}
${decision}`;
  return page({ title: t('previewTitle', { type }), lang, body, path });
}
