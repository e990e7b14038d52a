import { randomInt, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { PasserelleError } from '../../core/errors.js';

/**
 * Passerelle's Token Status Lists (draft-ietf-oauth-status-list), one bit per attestation:
 * 0 VALID, 1 INVALID. Indexes are drawn at random inside a list (herd privacy: neighbours
 * in a list say nothing about each other), and a list is closed once half full so random
 * draws stay cheap.
 */
export const statusValid = 0;
export const statusInvalid = 1;
export const listSize = 16_384;
const listBits = 1;
const fillLimit = listSize / 2;

export interface StatusEntryRef { listId: string; idx: number }

async function openList(trx: Knex.Transaction, now: number): Promise<string> {
  const open = await trx('evidence_status_lists as l')
    .leftJoin('evidence_status_entries as e', 'e.list_id', 'l.id')
    .groupBy('l.id', 'l.created_at')
    .havingRaw('count(e.idx) < ?', [fillLimit])
    .orderBy('l.created_at', 'desc')
    .first('l.id') as { id: string } | undefined;
  if (open) return open.id;
  const id = randomUUID();
  await trx('evidence_status_lists').insert({ id, bits: listBits, size: listSize, created_at: now });
  return id;
}

export async function allocateStatusEntry(trx: Knex.Transaction, consentId: string, now: number): Promise<StatusEntryRef> {
  const listId = await openList(trx, now);
  for (let attempt = 0; attempt < 32; attempt += 1) {
    const idx = randomInt(listSize);
    // ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable when the index is taken.
    await trx('evidence_status_entries')
      .insert({ list_id: listId, idx, consent_id: consentId, status: statusValid, changed_at: now, reason: null })
      .onConflict(['list_id', 'idx']).ignore();
    const taken = await trx('evidence_status_entries').where({ list_id: listId, idx }).first('consent_id') as { consent_id: string } | undefined;
    if (taken?.consent_id === consentId) return { listId, idx };
  }
  throw new PasserelleError('internal_error', 'no free status list index found');
}

/** Flips an entry to INVALID; the first reason stays (a withdrawn consent later purged is still "withdrawn"). */
export async function invalidateStatus(db: Knex | Knex.Transaction, consentId: string, reason: string, now: number): Promise<boolean> {
  const changed = await db('evidence_status_entries').where({ consent_id: consentId, status: statusValid })
    .update({ status: statusInvalid, changed_at: now, reason });
  return Number(changed) > 0;
}

export interface StatusListContent { id: string; bits: number; size: number; invalid: number[] }

export async function readStatusList(db: Knex, listId: string): Promise<StatusListContent | undefined> {
  const list = await db('evidence_status_lists').where({ id: listId }).first() as { id: string; bits: number; size: number } | undefined;
  if (!list) return undefined;
  const invalid = await db('evidence_status_entries').where({ list_id: listId }).whereNot({ status: statusValid }).pluck('idx') as number[];
  return { id: list.id, bits: Number(list.bits), size: Number(list.size), invalid: invalid.map(Number) };
}

export async function statusOfConsent(db: Knex | Knex.Transaction, consentId: string): Promise<{ status: number; reason: string | null; changedAt: number } | undefined> {
  const row = await db('evidence_status_entries').where({ consent_id: consentId }).first('status', 'reason', 'changed_at') as
    { status: number; reason: string | null; changed_at: number } | undefined;
  return row ? { status: Number(row.status), reason: row.reason, changedAt: Number(row.changed_at) } : undefined;
}
