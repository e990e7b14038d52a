import type { Knex } from 'knex';
import { sha256OfCanonical } from './canonical.js';
import { appendToTracker, type TrackerEntry } from './log.js';

/**
 * Identical accesses inside a window become one row with a count, so whoever holds a consent
 * id (an official's /verify, a portal's API calls) cannot flood the citizen's tracker.
 *
 * How the count stays covered by the hash chain: the first access of a window is appended to
 * the chain at once, like any row. The repeats that follow within `dedupeWindowMs` only raise
 * the window's counter in `evidence_log_windows` (committed before the access is answered).
 * When the window is sealed, a summary row is appended to the chain with `count` (the repeats)
 * and `first_at`/`at` (the first and last repeat) inside its hash; a window without repeats
 * leaves nothing more. A window is sealed by the next identical access after it closed, by the
 * retention run (every closed window), and before the citizen views or downloads the tracker
 * (every window of theirs, open or not), so the citizen always sees every access in the chain.
 * An identical access after an early seal opens a new window.
 */
export const dedupeWindowMs = 5 * 60_000;

// A mandate's use by its portal (and an official's check of it, 'verified') carries the mandate id as
// its consent id: a portal polling the mandate must not grow the parent's tracker either.
const dedupedEvents: ReadonlySet<string> = new Set(['verified', 'portal_access', 'mandate_used']);

export function isDeduplicated(entry: TrackerEntry): boolean {
  return dedupedEvents.has(entry.event) && Boolean(entry.consentId);
}

/** Same consent, same accessor, same kind (event, what was accessed, outcome): the same access. */
export function windowKey(citizenKey: string, entry: TrackerEntry): string {
  return sha256OfCanonical({
    citizen_key: citizenKey, consent_id: entry.consentId ?? null, actor_type: entry.actorType, actor_id: entry.actorId ?? null,
    event: entry.event, outcome: entry.outcome, detail: entry.detail ?? null,
  });
}

interface WindowRow { window_key: string; citizen_key: string; repeats: number; first_repeat_at: number | null; last_repeat_at: number | null; entry: string }

function rowsOf(result: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(result)) return result as Array<Record<string, unknown>>;
  return (result as { rows?: Array<Record<string, unknown>> }).rows ?? [];
}

/**
 * Records one access inside the caller's transaction: a repeat inside an open window raises its
 * counter; otherwise the access is appended to the chain and opens a window (sealing the
 * closed one first). The window row is locked before the citizen's chain head, everywhere.
 */
export async function recordDeduplicated(trx: Knex.Transaction, citizenKey: string, at: number, entry: TrackerEntry): Promise<{ outcome: 'appended' | 'counted'; key: string; closesAt: number }> {
  const key = windowKey(citizenKey, entry);
  const upserted = rowsOf(await trx.raw(`insert into evidence_log_windows (window_key, citizen_key, seq, opened_at, closes_at, repeats, entry)
    values (?, ?, 0, ?, ?, 0, ?)
    on conflict (window_key) do update set repeats = evidence_log_windows.repeats + 1,
      first_repeat_at = coalesce(evidence_log_windows.first_repeat_at, excluded.opened_at), last_repeat_at = excluded.opened_at
    where evidence_log_windows.closes_at > excluded.opened_at
    returning repeats, closes_at`, [key, citizenKey, at, at + dedupeWindowMs, JSON.stringify(entry)]));
  if (upserted.length === 1 && Number(upserted[0]!.repeats) > 0) return { outcome: 'counted', key, closesAt: Number(upserted[0]!.closes_at) };
  if (upserted.length === 0) {
    // The window of this access closed: its repeats go into the chain before the new opening row.
    const closed = await trx('evidence_log_windows').where({ window_key: key }).first() as WindowRow | undefined;
    if (closed) await appendSummary(trx, closed);
    await trx('evidence_log_windows').where({ window_key: key })
      .update({ opened_at: at, closes_at: at + dedupeWindowMs, repeats: 0, first_repeat_at: null, last_repeat_at: null, entry: JSON.stringify(entry) });
  }
  const row = await appendToTracker(trx, citizenKey, at, entry);
  await trx('evidence_log_windows').where({ window_key: key }).update({ seq: row.seq });
  return { outcome: 'appended', key, closesAt: at + dedupeWindowMs };
}

/** Further repeats of an open window, counted at once (identical accesses that arrived in one batch). */
export async function addRepeats(trx: Knex.Transaction, key: string, ats: readonly number[]): Promise<void> {
  if (ats.length === 0) return;
  await trx('evidence_log_windows').where({ window_key: key }).update({
    repeats: trx.raw('?? + ?', ['repeats', ats.length]),
    first_repeat_at: trx.raw('coalesce(??, ?)', ['first_repeat_at', Math.min(...ats)]),
    last_repeat_at: Math.max(...ats),
  });
}

async function appendSummary(trx: Knex.Transaction, window: WindowRow): Promise<void> {
  if (Number(window.repeats) === 0) return;
  const entry = JSON.parse(window.entry) as TrackerEntry;
  await appendToTracker(trx, window.citizen_key, Number(window.last_repeat_at), entry, { count: Number(window.repeats), firstAt: Number(window.first_repeat_at) });
}

/**
 * Seals windows: each is deleted (which locks it) and its repeats, if any, appended to the
 * chain, one transaction per window. `citizenKey`: every window of that citizen, open or not
 * (before a view); otherwise every window closed by `now` (the retention run), in batches.
 */
export async function sealWindows(db: Knex, now: number, citizenKey?: string): Promise<number> {
  let sealed = 0;
  for (;;) {
    const keys = await db('evidence_log_windows')
      .modify((q) => { if (citizenKey !== undefined) q.where({ citizen_key: citizenKey }); else q.where('closes_at', '<=', now); })
      .orderBy('window_key').limit(500).pluck('window_key') as string[];
    for (const key of keys) {
      await db.transaction(async (trx) => {
        const window = await trx('evidence_log_windows').where({ window_key: key }).forUpdate().first() as WindowRow | undefined;
        if (!window) return;
        await trx('evidence_log_windows').where({ window_key: key }).delete();
        await appendSummary(trx, window);
        sealed += 1;
      });
    }
    if (keys.length < 500) return sealed;
  }
}
