import { html, type SafeHtml } from '../../web/html.js';
import { translator, type Language } from '../../web/i18n.js';
import { scrollableTable } from '../../web/table.js';
import type { AccessedPart } from '../portal-api/share-access.js';
import type { TrackerRow } from '../tracker/log.js';
import { formatDateTime } from '../web/format.js';
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

/** What exactly a row records, apart from when: two rows with the same key are the same access. */
function sameAccess(a: TrackerRow, b: TrackerRow): boolean {
  const fields = ['event', 'actor_type', 'actor_id', 'evidence_type', 'evidence_id', 'consent_id', 'procedure', 'purpose', 'outcome', 'detail'] as const;
  return a.event === 'portal_access' && fields.every((field) => a[field] === b[field]);
}

/** Groups runs of identical portal accesses (oldest first in, oldest first out); every other row is its own line. */
export function trackerLines(rows: readonly TrackerRow[]): TrackerLine[] {
  const lines: TrackerLine[] = [];
  for (const row of rows) {
    const last = lines.at(-1);
    if (last && sameAccess(last.row, row)) lines[lines.length - 1] = { row, count: last.count + 1, firstAt: last.firstAt };
    else lines.push({ row, count: 1, firstAt: row.at });
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

export function trackerTable(t: T, rows: readonly TrackerRow[], names: TrackerNames): SafeHtml {
  if (rows.length === 0) return html`<p>${t('noTracker')}</p>`;
  const tt = translator(trackerMessages, names.lang);
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
<td class="when">${formatDateTime(row.at, names.lang)}${count > 1 ? html`<br><span class="muted">${tt('times', { n: count, first: formatDateTime(firstAt, names.lang) })}</span>` : ''}</td>
<td>${what}</td><td>${who(row)}</td><td>${names.typeName(row.evidence_type)}</td><td>${names.purposeOf(row) || '—'}</td>
<td>${reason ? `${outcome} (${reason})` : outcome}</td>
</tr>`;
  })}</tbody></table>`;
  return html`${scrollableTable(t('trackerHeading'), table, { wide: true })}<p class="muted">${tt('groupedNote')}</p>`;
}
