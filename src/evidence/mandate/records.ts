import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { invalidateStatus } from '../status/lists.js';
import { revokeWalletCredentials } from '../vci/store.js';
import { newDataKey, openPart, sealPart, unwrapDataKey } from '../vault/envelope.js';

/**
 * Mandate records, append-only like consents: the terms are written once; the end
 * (revoked by the citizen, expired, or erased with its document) is an event in
 * `evidence_mandate_events`, and the first one counts. The attestation names the parent and the
 * child, so it is stored sealed under the mandate's own data key.
 */
export interface MandateRow {
  id: string;
  citizen_key: string;
  evidence_id: string;
  evidence_type: string;
  client_id: string;
  procedure: string;
  purpose: string;
  relationship: string;
  given_at: number;
  expires_at: number;
  flow_id: string | null;
  interaction_uid: string | null;
  status_list_id: string;
  status_idx: number;
  wrap_kid: string;
  wrapped_key: string;
  attestation_enc: string;
}

export type MandateEndEvent = 'revoked' | 'expired' | 'erased';
export type MandateState = 'active' | MandateEndEvent;

type Db = Knex | Knex.Transaction;

function fromRow(row: MandateRow): MandateRow {
  return { ...row, given_at: Number(row.given_at), expires_at: Number(row.expires_at), status_idx: Number(row.status_idx) };
}

/** The attestation sealed for storage: the row's columns `wrap_kid`, `wrapped_key`, `attestation_enc`. */
export function sealAttestation(ctx: AppContext, mandateId: string, attestation: string): Pick<MandateRow, 'wrap_kid' | 'wrapped_key' | 'attestation_enc'> {
  const { key, wrapped } = newDataKey(ctx.keystore);
  try {
    return { wrap_kid: wrapped.wrapKid, wrapped_key: wrapped.wrappedKey, attestation_enc: sealPart(key, mandateId, 'mandate-attestation', Buffer.from(attestation, 'utf8')) };
  } finally {
    key.fill(0);
  }
}

export function openAttestation(ctx: AppContext, mandate: MandateRow): string {
  const key = unwrapDataKey(ctx.keystore, { wrapAlg: 'A256KW', wrapKid: mandate.wrap_kid, wrappedKey: mandate.wrapped_key });
  try {
    return openPart(key, mandate.id, 'mandate-attestation', mandate.attestation_enc).toString('utf8');
  } finally {
    key.fill(0);
  }
}

export async function insertMandate(trx: Knex.Transaction, row: MandateRow): Promise<void> {
  await trx('evidence_mandates').insert(row);
}

export async function findMandate(db: Db, id: string): Promise<MandateRow | undefined> {
  const row = await db('evidence_mandates').where({ id }).first() as MandateRow | undefined;
  return row ? fromRow(row) : undefined;
}

export async function listMandates(db: Db, citizenKey: string): Promise<MandateRow[]> {
  return (await db('evidence_mandates').where({ citizen_key: citizenKey }).orderBy('given_at', 'desc') as MandateRow[]).map(fromRow);
}

export async function mandatesOfItem(db: Db, evidenceId: string): Promise<MandateRow[]> {
  return (await db('evidence_mandates').where({ evidence_id: evidenceId }) as MandateRow[]).map(fromRow);
}

/** The first end event, if any. */
export async function endOf(db: Db, mandateId: string): Promise<{ event: MandateEndEvent; at: number } | undefined> {
  const row = await db('evidence_mandate_events').where({ mandate_id: mandateId }).orderBy('at', 'asc').orderBy('id', 'asc').first('event', 'at') as
    { event: MandateEndEvent; at: number } | undefined;
  return row ? { event: row.event, at: Number(row.at) } : undefined;
}

export async function stateOfMandate(db: Db, mandate: MandateRow, now: number): Promise<{ state: MandateState; since?: number }> {
  const ended = await endOf(db, mandate.id);
  if (ended) return { state: ended.event, since: ended.at };
  if (now >= mandate.expires_at) return { state: 'expired', since: mandate.expires_at };
  return { state: 'active' };
}

/**
 * Ends a mandate: the event (the first end counts; later ones are not recorded) and the
 * status-list entry flips to INVALID, with those of every wallet copy of it. Returns the state
 * before, and whether this call ended it.
 */
export async function endMandate(trx: Knex.Transaction, mandate: MandateRow, event: MandateEndEvent, actor: string, now: number): Promise<{ before: MandateState; recorded: boolean }> {
  const before = await stateOfMandate(trx, mandate, now);
  const ended = await endOf(trx, mandate.id);
  // A mandate whose time ran out is recorded as expired, whoever notices first.
  const recordedEvent = before.state === 'expired' ? 'expired' : event;
  if (!ended) await trx('evidence_mandate_events').insert({ mandate_id: mandate.id, event: recordedEvent, at: now, actor }).onConflict(['mandate_id', 'event']).ignore();
  await invalidateStatus(trx, mandate.id, recordedEvent, now);
  // Its wallet copies end with it, in the same transaction.
  await revokeWalletCredentials(trx, mandate.id, recordedEvent, now);
  return { before: before.state, recorded: !ended };
}
