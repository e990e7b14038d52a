import type { AppContext } from '../../context.js';
import { html, type SafeHtml } from '../../web/html.js';
import { htmlTranslator, translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { scrollableTable } from '../../web/table.js';
import { evidenceTitle } from '../catalogue/index.js';
import type { ConsentRow, ConsentState } from '../consent/records.js';
import type { RetentionDue } from '../retention/due.js';
import type { TrackerIntegrity } from '../tracker/check.js';
import type { TrackerRow } from '../tracker/log.js';
import type { ItemRow } from '../vault/items.js';
import { formatDate, localTime, pickText } from '../web/format.js';
import { requestTexts } from '../web/request-texts.js';
import { recipientName } from '../web/recipient-name.js';
import { confirmMessages } from './confirm-messages.js';
import type { DoneMessage } from './done-message.js';
import { dashboardMessages, type DashboardMessage } from './messages.js';
import { trackerTable } from './tracker-view.js';

/** A vault item, and when it is due for deletion: then the page says so until the purge has run. */
export interface DashboardItem { item: ItemRow; due?: RetentionDue; deleteBy?: number }

export interface DashboardModel {
  lang: Language;
  csrf: string;
  items: DashboardItem[];
  consents: Array<{ consent: ConsentRow; state: ConsentState }>;
  /** One page of the tracker, oldest first, and where the other pages are. */
  tracker: TrackerRow[];
  trackerPages: { olderBefore?: number; isNewest: boolean };
  integrity: TrackerIntegrity;
  /** What the citizen just did, said at the top of the page. */
  done?: DoneMessage;
  /** "My mandates" (src/evidence/mandate/dashboard.ts). */
  mandates?: SafeHtml;
}

type T = ReturnType<typeof translator<DashboardMessage>>;

/** The citizen's dashboard: vault, consents (withdraw in one click), data tracker with its tamper check. */
export function dashboardPage(ctx: AppContext, model: DashboardModel): string {
  const { lang } = model;
  const t = translator(dashboardMessages, lang);
  const portalName = (id: string | null) => recipientName(ctx, id, lang);
  const authorityName = (id: string | null) => pickText(ctx.config.issuingAuthorities.find((a) => a.id === id)?.name, lang, id ?? '');
  const typeName = (id: string | null) => (id ? evidenceTitle(id, lang) ?? id : '—');
  // Mandate rows name the portal in actor_id whoever acted (src/evidence/mandate).
  const clientOf = (row: TrackerRow) => (row.actor_type === 'portal' || row.event.startsWith('mandate_') ? row.actor_id : model.consents.find((c) => c.consent.id === row.consent_id)?.consent.client_id ?? null);
  const purposeOf = (row: TrackerRow) => requestTexts(ctx, {
    clientId: clientOf(row), evidenceType: row.event.startsWith('mandate_') ? 'representation' : row.evidence_type, procedure: row.procedure, purpose: row.purpose, lang,
  }).purpose;

  // The hints stand above the scroll regions, not in captions: a caption scrolls away with its table.
  const items = model.items.length === 0 ? html`<p>${t('noEvidence')}</p>` : html`<p class="muted">${t('eraseHint')}</p>${scrollableTable(t('evidenceHeading'), html`<table>
<thead><tr><th scope="col">${t('type')}</th><th scope="col">${t('authority')}</th><th scope="col">${t('received')}</th><th scope="col">${t('validUntil')}</th><th scope="col">${t('status')}</th><th scope="col">${t('actions')}</th></tr></thead>
<tbody>${model.items.map((entry) => { const { item } = entry; return html`<tr>
<th scope="row">${typeName(item.evidence_type)}</th><td>${authorityName(item.authority_id)}</td><td>${formatDate(item.fetched_at, lang)}</td>
<td>${formatDate(item.valid_until, lang)}</td><td>${itemStatus(t, entry, lang)}</td>
<td><a href="/me/evidence/${item.id}/document">${t('download')}<span class="visually-hidden"> ${typeName(item.evidence_type)}</span></a>
<a class="button danger" href="/me/evidence/${item.id}/erase">${t('erase')}<span class="visually-hidden"> ${typeName(item.evidence_type)}</span></a></td>
</tr>`; })}</tbody></table>`, { wide: true })}`;

  const consents = model.consents.length === 0 ? html`<p>${t('noConsents')}</p>` : html`<p class="muted">${t('withdrawHint')}</p>${scrollableTable(t('consentsHeading'), html`<table>
<thead><tr><th scope="col">${t('portal')}</th><th scope="col">${t('type')}</th><th scope="col">${t('procedure')}</th><th scope="col">${t('purpose')}</th><th scope="col">${t('given')}</th><th scope="col">${t('expires')}</th><th scope="col">${t('status')}</th><th scope="col">${t('actions')}</th></tr></thead>
<tbody>${model.consents.map(({ consent, state }) => html`<tr>
<th scope="row">${portalName(consent.client_id)}</th><td>${typeName(consent.evidence_type)}</td>${consentTerms(ctx, consent, lang)}
<td>${localTime(consent.given_at, lang)}</td><td>${formatDate(consent.expires_at, lang)}</td>
<td class="${state === 'active' ? 'status-valid' : 'status-invalid'}">${t(`state_${state}`)}</td>
<td>${state === 'active' ? html`<a class="button danger" href="/me/consents/${consent.id}/withdraw">${t('withdraw')}<span class="visually-hidden"> ${portalName(consent.client_id)}, ${typeName(consent.evidence_type)}, ${localTime(consent.given_at, lang)}</span></a>` : ''}</td>
</tr>`)}</tbody></table>`, { wide: true })}`;

  const body = html`<h1>${t('title')}</h1>
${model.done ? doneNotice(ctx, model.done, lang) : ''}
<p>${t('intro')}</p>
<h2 id="evidence">${t('evidenceHeading')}</h2>
${items}
<h2 id="consents">${t('consentsHeading')}</h2>
${consents}
${model.mandates ?? ''}
<h2 id="tracker">${t('trackerHeading')}</h2>
<p>${t('trackerIntro')}</p>
${integrityBanner(t, model.integrity)}
${trackerTable(t, model.tracker, { lang, portalName, authorityName, typeName, purposeOf }, model.trackerPages)}
<p><a href="/me/tracker.json">${t('export')}</a></p>`;
  return page({ title: t('title'), lang, body, path: '/me', wide: true });
}

/** Why Passerelle still holds the document, or when it will stop: never a silent leftover. */
function itemStatus(t: T, { item, due, deleteBy }: DashboardItem, lang: Language): SafeHtml | string {
  if (due) {
    const th = htmlTranslator(dashboardMessages, lang);
    const text = due.reason === 'validity_ended'
      ? (deleteBy ? th('validityEndedBy', { time: localTime(deleteBy, lang) }) : t('validityEndedNext'))
      : (deleteBy ? th('unsharedBy', { time: localTime(deleteBy, lang) }) : t('unsharedNext'));
    return html`<strong>${text}</strong>`;
  }
  return item.kept ? t('kept') : t('keptWhileShared');
}

function doneNotice(ctx: AppContext, done: DoneMessage, lang: Language): SafeHtml {
  const t = translator(confirmMessages, lang);
  if (done.kind === 'erased') {
    return html`<p class="notice" role="status">${t('eraseDone', { document: evidenceTitle(done.evidenceType, lang) ?? done.evidenceType, ended: done.endedConsents })}</p>`;
  }
  if (done.kind === 'unchanged') return html`<p class="notice" role="status">${t('alreadyEnded')}</p>`;
  const { consent } = done;
  return html`<p class="notice" role="status">${htmlTranslator(confirmMessages, lang)('withdrawDone', {
    portal: recipientName(ctx, consent.client_id, lang),
    document: evidenceTitle(consent.evidence_type, lang) ?? consent.evidence_type, given: localTime(consent.given_at, lang),
  })}</p>`;
}

function consentTerms(ctx: AppContext, consent: ConsentRow, lang: Language): SafeHtml {
  const texts = requestTexts(ctx, { clientId: consent.client_id, evidenceType: consent.evidence_type, procedure: consent.procedure, purpose: consent.purpose, lang });
  return html`<td>${texts.procedure ?? '—'}</td><td>${texts.purpose}</td>`;
}

function integrityBanner(t: T, integrity: TrackerIntegrity): SafeHtml {
  return integrity.intact
    ? html`<p class="notice" role="status"><span class="status-valid">✓</span> ${t('intact')}</p>`
    : html`<div class="error" role="alert"><p><span class="status-invalid">✗</span> ${t('tampered', { n: integrity.brokenAt ?? '?' })}</p></div>`;
}
