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

/**
 * The list this share draws from, claimed with one conditional UPDATE of its counter (constant
 * time, however many entries were ever issued). The counter may run ahead of the entries when a
 * share's transaction rolls back after a concurrent one committed; that only closes a list a
 * little before half full. The UPDATE holds the list row until the share commits, so shares
 * across instances take their turn at this one row for the length of a share transaction.
 */
async function claimListSlot(trx: Knex.Transaction, now: number): Promise<string> {
  for (let attempt = 0; attempt < 4; attempt += 1) {
    const open = await trx('evidence_status_lists').where('allocated', '<', fillLimit).orderBy('created_at', 'desc').first('id') as { id: string } | undefined;
    if (open) {
      const claimed = await trx('evidence_status_lists').where({ id: open.id }).where('allocated', '<', fillLimit)
        .update({ allocated: trx.raw('?? + 1', ['allocated']) });
      if (Number(claimed) === 1) return open.id;
      continue;
    }
    const id = randomUUID();
    await trx('evidence_status_lists').insert({ id, bits: listBits, size: listSize, created_at: now, allocated: 1 });
    return id;
  }
  throw new PasserelleError('internal_error', 'no status list with room found');
}

export async function allocateStatusEntry(trx: Knex.Transaction, consentId: string, now: number): Promise<StatusEntryRef> {
  const listId = await claimListSlot(trx, now);
  for (let attempt = 0; attempt < 32; attempt += 1) {
    const idx = randomInt(listSize);
    // ON CONFLICT DO NOTHING keeps a PostgreSQL transaction usable when the index is taken.
    const inserted = await trx('evidence_status_entries')
      .insert({ list_id: listId, idx, consent_id: consentId, status: statusValid, changed_at: now, reason: null })
      .onConflict(['list_id', 'idx']).ignore().returning('idx') as unknown[];
    if (inserted.length === 1) return { listId, idx };
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
