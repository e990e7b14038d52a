import type { Knex } from 'knex';
import { sha256OfCanonical } from './canonical.js';

/**
 * The citizen's data tracker: one append-only, hash-chained log per citizen of everything
 * that happened to their evidence (who, when, which type, which purpose; never attribute
 * values). Each row's hash covers its content and the previous row's hash.
 */
export const trackerEvents = [
  'requested', 'fetched', 'fetch_failed', 'reused', 'shared', 'declined', 'discarded', 'kept',
  'portal_access', 'verified', 'withdrawn', 'expired', 'erased', 'purged',
  'mandate_issued', 'mandate_used', 'mandate_revoked', 'mandate_expired',
] as const;
export type TrackerEvent = (typeof trackerEvents)[number];
export type TrackerActor = 'citizen' | 'portal' | 'authority' | 'official' | 'passerelle';
export type TrackerOutcome = 'ok' | 'refused' | 'failed';

export interface TrackerEntry {
  event: TrackerEvent;
  actorType: TrackerActor;
  actorId?: string | null;
  evidenceType?: string | null;
  evidenceId?: string | null;
  consentId?: string | null;
  procedure?: string | null;
  purpose?: string | null;
  outcome: TrackerOutcome;
  /** A short code (what was accessed, why it failed), never a value. */
  detail?: string | null;
}

export interface TrackerRow {
  citizen_key: string;
  seq: number;
  at: number;
  event: string;
  actor_type: string;
  actor_id: string | null;
  evidence_type: string | null;
  evidence_id: string | null;
  consent_id: string | null;
  procedure: string | null;
  purpose: string | null;
  outcome: string;
  detail: string | null;
  /** Set only on a row that stands for several identical accesses (a closed dedupe window, see window.ts). */
  count?: number | null;
  first_at?: number | null;
  prev_hash: string;
  hash: string;
}

export const genesisHash = '0'.repeat(64);

/**
 * The fields a row's hash covers, in one place for writing and checking. `count` and
 * `first_at` are covered when set (summary rows of a dedupe window) and absent otherwise, so
 * rows written before they existed keep their hashes.
 */
export function hashedContent(row: Omit<TrackerRow, 'hash'>): Record<string, unknown> {
  return {
    citizen_key: row.citizen_key, seq: Number(row.seq), at: Number(row.at), event: row.event,
    actor_type: row.actor_type, actor_id: row.actor_id ?? null, evidence_type: row.evidence_type ?? null,
    evidence_id: row.evidence_id ?? null, consent_id: row.consent_id ?? null, procedure: row.procedure ?? null,
    purpose: row.purpose ?? null, outcome: row.outcome, detail: row.detail ?? null, prev_hash: row.prev_hash,
    ...(row.count !== null && row.count !== undefined ? { count: Number(row.count) } : {}),
    ...(row.first_at !== null && row.first_at !== undefined ? { first_at: Number(row.first_at) } : {}),
  };
}

type Db = Knex | Knex.Transaction;

function inTransaction<T>(db: Db, work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  return (db as Knex.Transaction).isTransaction ? work(db as Knex.Transaction) : (db as Knex).transaction(work);
}

/**
 * Appends one row. The per-citizen head row is claimed first, which locks it (row lock on
 * PostgreSQL, the write lock on SQLite), so concurrent appends from several instances queue
 * instead of forking the chain. One upsert creates the head or advances it, and returns the new
 * sequence number with the previous row's hash (the head's hash only moves after the insert).
 */
export function appendToTracker(db: Db, citizenKey: string, at: number, entry: TrackerEntry, summary?: { count: number; firstAt: number }): Promise<TrackerRow> {
  return inTransaction(db, async (trx) => {
    const [head] = await trx('evidence_log_heads').insert({ citizen_key: citizenKey, seq: 1, hash: genesisHash })
      .onConflict('citizen_key').merge({ seq: trx.raw('?? + 1', ['evidence_log_heads.seq']) })
      .returning(['seq', 'hash']) as Array<{ seq: number; hash: string }>;
    if (!head) throw new Error('tracker head upsert returned no row');
    const content: Omit<TrackerRow, 'hash'> = {
      citizen_key: citizenKey, seq: Number(head.seq), at, event: entry.event, actor_type: entry.actorType,
      actor_id: entry.actorId ?? null, evidence_type: entry.evidenceType ?? null, evidence_id: entry.evidenceId ?? null,
      consent_id: entry.consentId ?? null, procedure: entry.procedure ?? null, purpose: entry.purpose ?? null,
      outcome: entry.outcome, detail: entry.detail ?? null, prev_hash: head.hash,
      ...(summary ? { count: summary.count, first_at: summary.firstAt } : {}),
    };
    const row: TrackerRow = { ...content, hash: sha256OfCanonical(hashedContent(content)) };
    await trx('evidence_log').insert(row);
    await trx('evidence_log_heads').where({ citizen_key: citizenKey }).update({ hash: row.hash });
    return row;
  });
}

export const trackerColumns = ['citizen_key', 'seq', 'at', 'event', 'actor_type', 'actor_id', 'evidence_type', 'evidence_id', 'consent_id',
  'procedure', 'purpose', 'outcome', 'detail', 'count', 'first_at', 'prev_hash', 'hash'] as const;

/** A row as the driver returns it, with numbers as numbers. */
export function trackerRowFrom(row: TrackerRow): TrackerRow {
  return {
    ...row, seq: Number(row.seq), at: Number(row.at),
    count: row.count === null || row.count === undefined ? null : Number(row.count),
    first_at: row.first_at === null || row.first_at === undefined ? null : Number(row.first_at),
  };
}

/** The citizen's rows, oldest first (from `afterSeq`, exclusive, up to `toSeq`, inclusive, when given). */
export async function readTracker(db: Db, citizenKey: string, range: { afterSeq?: number; toSeq?: number } = {}): Promise<TrackerRow[]> {
  const rows = await db('evidence_log').where({ citizen_key: citizenKey })
    .modify((q) => {
      if (range.afterSeq !== undefined) q.where('seq', '>', range.afterSeq);
      if (range.toSeq !== undefined) q.where('seq', '<=', range.toSeq);
    })
    .orderBy('seq', 'asc').select(...trackerColumns) as TrackerRow[];
  return rows.map(trackerRowFrom);
}

export const trackerPageSize = 50;

/**
 * One page of the citizen's rows, newest first: the `limit` rows before `beforeSeq` (from the
 * head when absent), and the sequence number to ask for the next, older page (none at the start).
 */
export async function readTrackerPage(db: Db, citizenKey: string, beforeSeq?: number, limit = trackerPageSize): Promise<{ rows: TrackerRow[]; olderBefore?: number }> {
  const rows = (await db('evidence_log').where({ citizen_key: citizenKey })
    .modify((q) => { if (beforeSeq !== undefined) q.where('seq', '<', beforeSeq); })
    .orderBy('seq', 'desc').limit(limit).select(...trackerColumns) as TrackerRow[]).map(trackerRowFrom);
  const oldest = rows.at(-1);
  return { rows, ...(oldest && oldest.seq > 1 ? { olderBefore: oldest.seq } : {}) };
}
