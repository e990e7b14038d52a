import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { toBool, toMillis } from '../../storage/values.js';
import type { FetchedEvidence } from '../ports.js';
import { newDataKey, openPart, sealPart, sha256Digest, unwrapDataKey } from './envelope.js';

/**
 * The vault: evidence items, encrypted at rest. Metadata (type, authority, digests,
 * validity) stays readable for lists and retention; document, credential and structured
 * data are sealed under the item's data key.
 */
export type ItemState = 'preview' | 'stored' | 'erased' | 'purged';

export interface ItemRow {
  id: string;
  citizen_key: string;
  evidence_type: string;
  authority_id: string;
  issuer: string;
  state: ItemState;
  flow_id: string | null;
  kept: boolean;
  media_type: string;
  filename: string;
  byte_size: number;
  document_digest: string;
  credential_digest: string;
  wrap_alg: string;
  wrap_kid: string;
  wrapped_key: string | null;
  document_enc: string | null;
  credential_enc: string | null;
  data_enc: string | null;
  issued_at: number | null;
  valid_until: number | null;
  requested_at: number;
  fetched_at: number;
  kept_at: number | null;
  expires_at: number | null;
  ended_at: number | null;
  end_reason: string | null;
  /** Id of the request to the authority (null for items fetched before it was kept). */
  request_id: string | null;
}

export interface OpenedItem { document: Buffer; credential: string; data: Record<string, unknown> }

type Db = Knex | Knex.Transaction;

/** A row as the driver returns it, with numbers, booleans and timestamps normalised. */
export function itemFromRow(row: ItemRow): ItemRow {
  return {
    ...row, kept: toBool(row.kept), byte_size: Number(row.byte_size),
    issued_at: toMillis(row.issued_at), valid_until: toMillis(row.valid_until), requested_at: Number(row.requested_at),
    fetched_at: Number(row.fetched_at), kept_at: toMillis(row.kept_at), expires_at: toMillis(row.expires_at), ended_at: toMillis(row.ended_at),
  };
}

function safeFilename(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '').slice(0, 120);
  return cleaned || 'document';
}

export async function insertPreviewItem(trx: Knex.Transaction, ctx: AppContext, input: {
  citizenKey: string; flowId: string; fetched: FetchedEvidence; evidenceType: string; requestedAt: number; expiresAt: number; requestId?: string;
}): Promise<ItemRow> {
  const id = randomUUID();
  const { key, wrapped } = newDataKey(ctx.keystore);
  const { fetched } = input;
  const now = ctx.clock.now();
  const row: ItemRow = {
    id, citizen_key: input.citizenKey, evidence_type: input.evidenceType, authority_id: fetched.authorityId,
    issuer: fetched.issuer, state: 'preview', flow_id: input.flowId, kept: false,
    media_type: fetched.document.mediaType, filename: safeFilename(fetched.document.filename), byte_size: fetched.document.bytes.length,
    document_digest: sha256Digest(fetched.document.bytes), credential_digest: sha256Digest(fetched.credential),
    wrap_alg: wrapped.wrapAlg, wrap_kid: wrapped.wrapKid, wrapped_key: wrapped.wrappedKey,
    document_enc: sealPart(key, id, 'document', fetched.document.bytes),
    credential_enc: sealPart(key, id, 'credential', Buffer.from(fetched.credential, 'utf8')),
    data_enc: sealPart(key, id, 'data', Buffer.from(JSON.stringify(fetched.data ?? {}), 'utf8')),
    issued_at: toMillis(fetched.issuedAt), valid_until: toMillis(fetched.validUntil ?? null),
    requested_at: input.requestedAt, fetched_at: now, kept_at: null, expires_at: input.expiresAt, ended_at: null, end_reason: null,
    request_id: input.requestId ?? null,
  };
  key.fill(0);
  await trx('evidence_items').insert(row);
  return row;
}

export async function findItem(db: Db, id: string): Promise<ItemRow | undefined> {
  const row = await db('evidence_items').where({ id }).first() as ItemRow | undefined;
  return row ? itemFromRow(row) : undefined;
}

/** A citizen's own item, or nothing: other citizens' ids look exactly like missing ones. */
export async function findOwnItem(db: Db, citizenKey: string, id: string): Promise<ItemRow | undefined> {
  const row = await db('evidence_items').where({ id, citizen_key: citizenKey }).first() as ItemRow | undefined;
  return row ? itemFromRow(row) : undefined;
}

export async function listStoredItems(db: Db, citizenKey: string): Promise<ItemRow[]> {
  const rows = await db('evidence_items').where({ citizen_key: citizenKey, state: 'stored' }).orderBy('fetched_at', 'desc') as ItemRow[];
  return rows.map(itemFromRow);
}

/** Items in the vault that can be reused for a type: stored and still valid. */
export async function reusableItems(db: Db, citizenKey: string, evidenceType: string, now: number): Promise<ItemRow[]> {
  const rows = await db('evidence_items').where({ citizen_key: citizenKey, state: 'stored', evidence_type: evidenceType })
    .andWhere((q) => q.whereNull('valid_until').orWhere('valid_until', '>', now))
    .orderBy('fetched_at', 'desc') as ItemRow[];
  return rows.map(itemFromRow);
}

export function openItem(ctx: AppContext, row: ItemRow): OpenedItem {
  const key = unwrapDataKey(ctx.keystore, { wrapAlg: row.wrap_alg, wrapKid: row.wrap_kid, wrappedKey: row.wrapped_key });
  try {
    return {
      document: openPart(key, row.id, 'document', row.document_enc),
      credential: openPart(key, row.id, 'credential', row.credential_enc).toString('utf8'),
      data: JSON.parse(openPart(key, row.id, 'data', row.data_enc).toString('utf8')) as Record<string, unknown>,
    };
  } finally {
    key.fill(0);
  }
}

/** Moves a previewed item into the vault (shared, and/or kept on the citizen's choice). */
export async function storeItem(trx: Knex.Transaction, id: string, keep: boolean, now: number): Promise<void> {
  await trx('evidence_items').where({ id }).whereIn('state', ['preview', 'stored'])
    .update({ state: 'stored', expires_at: null, ...(keep ? { kept: true, kept_at: now } : {}) });
}

/**
 * Crypto-shredding: the wrapped data key and every ciphertext are overwritten; the row
 * stays as a tombstone (type, authority, digests, dates) so consents and the tracker still
 * make sense.
 */
export async function destroyItem(trx: Knex.Transaction, id: string, reason: 'erased' | 'purged', now: number): Promise<boolean> {
  const changed = await trx('evidence_items').where({ id }).whereIn('state', ['preview', 'stored']).update({
    state: reason, wrapped_key: null, document_enc: null, credential_enc: null, data_enc: null, ended_at: now, end_reason: reason,
  });
  return Number(changed) > 0;
}

/** Removes a previewed item nobody shared or kept; it never entered the vault. */
export async function deletePreviewItem(trx: Knex.Transaction, id: string): Promise<boolean> {
  const removed = await trx('evidence_items').where({ id, state: 'preview' }).delete();
  return Number(removed) > 0;
}
