import { html, type SafeHtml } from '../../web/html.js';
import { htmlTranslator, translator, type Language } from '../../web/i18n.js';
import { scrollableTable } from '../../web/table.js';
import type { AccessedPart } from '../portal-api/share-access.js';
import type { TrackerRow } from '../tracker/log.js';
import { localTime } from '../web/format.js';
import type { DashboardMessage } from './messages.js';
import { trackerMessages, type TrackerMessage } from './tracker-messages.js';

type T = ReturnType<typeof translator<DashboardMessage>>;

export interface TrackerNames {
  lang: Language;
  portalName: (id: string | null) => string;
  authorityName: (id: string | null) => string;
  typeName: (id: string | null) => string;
  /** A row's purpose in the page language (see requestTexts). */
  purposeOf: (row: TrackerRow) => string;
}

/** Consecutive identical portal accesses, shown as one line: the rows themselves stay one per event. */
export interface TrackerLine { row: TrackerRow; count: number; firstAt: number }

const accessedParts: readonly AccessedPart[] = ['listing', 'metadata', 'document', 'credential', 'attestation', 'data'];
const deniedParts: readonly AccessedPart[] = ['document', 'credential', 'attestation', 'data'];
const endReasons = ['withdrawn', 'expired', 'erased'] as const;

const accessFields = ['event', 'actor_type', 'actor_id', 'evidence_type', 'evidence_id', 'consent_id', 'procedure', 'purpose', 'outcome', 'detail'] as const;
const accessKey = (row: TrackerRow) => JSON.stringify(accessFields.map((field) => row[field]));

/** What exactly a row records, apart from when: two rows with the same key are the same access. */
function sameAccess(a: TrackerRow, b: TrackerRow): boolean {
  return (a.event === 'portal_access' || a.event === 'verified' || a.event === 'mandate_used') && accessKey(a) === accessKey(b);
}

/**
 * Groups runs of identical accesses (oldest first in, oldest first out); every other row is its
 * own line. A summary row of a dedupe window (`count` repeats, see tracker/window.ts) is added
 * to the line of the access that opened the window when that line is on the page, since it is
 * written later in the chain than the accesses it counts.
 */
export function trackerLines(rows: readonly TrackerRow[]): TrackerLine[] {
  const lines: TrackerLine[] = [];
  const opened = new Map<string, number>();
  for (const row of rows) {
    const repeats = row.count ?? null;
    const openedAt = repeats !== null ? opened.get(accessKey(row)) : undefined;
    if (repeats !== null && openedAt !== undefined) {
      lines[openedAt] = { ...lines[openedAt]!, count: lines[openedAt]!.count + repeats };
      continue;
    }
    const last = lines.at(-1);
    if (last && repeats === null && sameAccess(last.row, row)) lines[lines.length - 1] = { row, count: last.count + 1, firstAt: last.firstAt };
    else lines.push({ row, count: repeats ?? 1, firstAt: row.first_at ?? row.at });
    if (repeats === null) opened.set(accessKey(row), lines.length - 1);
  }
  return lines;
}

type EndReason = (typeof endReasons)[number];
const isEndReason = (value: string | undefined): value is EndReason => (endReasons as readonly string[]).includes(value ?? '');
const isPart = (list: readonly AccessedPart[], value: string): value is AccessedPart => (list as readonly string[]).includes(value);

/**
 * A portal access's `detail` is the part it asked for, and for a refusal `part:state`
 * (see portal-api/share-access.ts); a refused verification's is the sharing's state. Read
 * back into words; anything unexpected falls back to the event's general description.
 */
function describe(t: T, tt: ReturnType<typeof translator<TrackerMessage>>, row: TrackerRow): { what: string; reason?: string } {
  const [part = '', state] = (row.detail ?? '').split(':');
  const ended = row.event === 'verified' ? part : state;
  const reason = row.outcome === 'refused' && isEndReason(ended) ? tt(`because_${ended}`) : undefined;
  if (row.event === 'portal_access' && row.outcome === 'ok' && isPart(accessedParts, part)) return { what: tt(`access_${part}`) };
  if (row.event === 'portal_access' && row.outcome === 'refused' && isPart(deniedParts, part)) {
    return { what: tt(`denied_${part as 'document' | 'credential' | 'attestation' | 'data'}`), ...(reason ? { reason } : {}) };
  }
  return { what: t(`event_${row.event}` as DashboardMessage), ...(reason ? { reason } : {}) };
}

/** `pages`: links to the next older page and back to the newest, when there are such pages. */
export function trackerTable(t: T, rows: readonly TrackerRow[], names: TrackerNames, pages: { olderBefore?: number; isNewest: boolean } = { isNewest: true }): SafeHtml {
  if (rows.length === 0) return html`<p>${t('noTracker')}</p>`;
  const tt = translator(trackerMessages, names.lang);
  const ttHtml = htmlTranslator(trackerMessages, names.lang);
  const who = (row: TrackerRow) => {
    if (row.actor_type === 'portal') return names.portalName(row.actor_id);
    if (row.actor_type === 'authority') return names.authorityName(row.actor_id);
    return t(`actor_${row.actor_type}` as DashboardMessage);
  };
  const lines = trackerLines(rows).reverse();
  const table = html`<table>
<thead><tr><th scope="col">${t('when')}</th><th scope="col">${t('what')}</th><th scope="col">${t('who')}</th><th scope="col">${t('type')}</th><th scope="col">${t('purpose')}</th><th scope="col">${t('outcome')}</th></tr></thead>
<tbody>${lines.map(({ row, count, firstAt }) => {
    const { what, reason } = describe(t, tt, row);
    const outcome = t(`outcome_${row.outcome}` as DashboardMessage);
    return html`<tr>
<td class="when">${localTime(row.at, names.lang)}${count > 1 ? html`<br><span class="muted">${ttHtml('times', { n: count, first: localTime(firstAt, names.lang) })}</span>` : ''}</td>
<td>${what}</td><td>${who(row)}</td><td>${names.typeName(row.evidence_type)}</td><td>${names.purposeOf(row) || '—'}</td>
<td>${reason ? `${outcome} (${reason})` : outcome}</td>
</tr>`;
  })}</tbody></table>`;
  const links = [
    ...(pages.isNewest ? [] : [html`<a href="/me#tracker">${tt('newestEntries')}</a>`]),
    ...(pages.olderBefore !== undefined ? [html`<a href="/me?before=${String(pages.olderBefore)}#tracker">${tt('olderEntries')}</a>`] : []),
  ];
  const nav = links.length > 0 ? html`<nav aria-label="${t('trackerHeading')}"><p>${links.map((link, n) => html`${n > 0 ? ' · ' : ''}${link}`)}</p></nav>` : '';
  return html`${scrollableTable(t('trackerHeading'), table, { wide: true })}${nav}<p class="muted">${tt('groupedNote')}</p>`;
}
