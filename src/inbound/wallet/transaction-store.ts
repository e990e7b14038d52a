import type { CitizenAttributeName } from '../../core/attributes.js';
import type { ErrorCode } from '../../core/errors.js';
import type { Loa } from '../../core/loa.js';
import type { Database } from '../../storage/database.js';
import { fromJson, toJson, toMillis } from '../../storage/values.js';

/** A wallet login in progress (see migrations/20261204_1300_wallet.ts). */
export interface WalletTransaction {
  id: string;
  flowId: string;
  clientId: string;
  browserBinding: string;
  nonce: string;
  state: string;
  encryptionKid: string;
  /** Sealed private JWK. */
  encryptionKey: string;
  minimumLoa: Loa;
  requestedAttributes: ReadonlyArray<{ name: CitizenAttributeName; required: boolean }>;
  createdAt: number;
  expiresAt: number;
  requestFetchedAt?: number;
  responseReceivedAt?: number;
  outcome?: 'succeeded' | 'failed';
  errorCode?: ErrorCode;
  /** Sealed citizen, while it waits for the browser. */
  citizen?: string;
  responseCodeHash?: string;
}

interface Row {
  id: string; flow_id: string; client_id: string; browser_binding: string; nonce: string; state: string;
  encryption_kid: string; encryption_key: string; minimum_loa: string; requested_attributes: string;
  created_at: unknown; expires_at: unknown; request_fetched_at: unknown; response_received_at: unknown;
  outcome: string | null; error_code: string | null; citizen: string | null; response_code_hash: string | null;
}

const table = 'wallet_transactions';

function fromRow(row: Row): WalletTransaction {
  const optionalMillis = (name: 'requestFetchedAt' | 'responseReceivedAt', value: unknown) => {
    const millis = toMillis(value);
    return millis === null ? {} : { [name]: millis };
  };
  return {
    id: row.id, flowId: row.flow_id, clientId: row.client_id, browserBinding: row.browser_binding, nonce: row.nonce,
    state: row.state, encryptionKid: row.encryption_kid, encryptionKey: row.encryption_key,
    minimumLoa: row.minimum_loa as Loa, requestedAttributes: fromJson(row.requested_attributes),
    createdAt: toMillis(row.created_at) ?? 0, expiresAt: toMillis(row.expires_at) ?? 0,
    ...optionalMillis('requestFetchedAt', row.request_fetched_at),
    ...optionalMillis('responseReceivedAt', row.response_received_at),
    ...(row.outcome ? { outcome: row.outcome as 'succeeded' | 'failed' } : {}),
    ...(row.error_code ? { errorCode: row.error_code as ErrorCode } : {}),
    ...(row.citizen ? { citizen: row.citizen } : {}),
    ...(row.response_code_hash ? { responseCodeHash: row.response_code_hash } : {}),
  };
}

export async function saveTransaction(db: Database, tx: WalletTransaction): Promise<void> {
  await db.knex(table).insert({
    id: tx.id, flow_id: tx.flowId, client_id: tx.clientId, browser_binding: tx.browserBinding, nonce: tx.nonce,
    state: tx.state, encryption_kid: tx.encryptionKid, encryption_key: tx.encryptionKey, minimum_loa: tx.minimumLoa,
    requested_attributes: toJson(tx.requestedAttributes), created_at: tx.createdAt, expires_at: tx.expiresAt,
  });
}

const idPattern = /^[A-Za-z0-9_-]{1,64}$/;

/** A live (not expired) transaction by id, by the key its answer names, or by its state. */
export async function findTransaction(db: Database, where: { id: string } | { encryption_kid: string } | { state: string }, now: number): Promise<WalletTransaction | undefined> {
  if (!Object.values(where).every((value) => idPattern.test(value))) return undefined;
  const row = (await db.knex(table).where(where).andWhere('expires_at', '>', now).first()) as Row | undefined;
  return row ? fromRow(row) : undefined;
}

/** The request object is handed out once: true for the one caller that wins. */
export async function markRequestFetched(db: Database, id: string, now: number): Promise<boolean> {
  const updated = await db.knex(table).where({ id }).whereNull('request_fetched_at').andWhere('expires_at', '>', now)
    .update({ request_fetched_at: now });
  return updated === 1;
}

/**
 * The browser fetched the Digital Credentials API request: from now on an answer is accepted.
 * It may fetch it again (the citizen closed the wallet picker); the QR code's request object is
 * then no longer handed out, as for any fetched request.
 */
export async function markRequestFetchedByBrowser(db: Database, id: string, now: number): Promise<void> {
  await db.knex(table).where({ id }).whereNull('request_fetched_at').whereNull('response_received_at').andWhere('expires_at', '>', now)
    .update({ request_fetched_at: now });
}

/** The wallet's answer is taken once: true for the one caller that wins; a replay finds it taken. */
export async function markResponseReceived(db: Database, id: string, now: number): Promise<boolean> {
  const updated = await db.knex(table).where({ id }).whereNotNull('request_fetched_at').whereNull('response_received_at')
    .andWhere('expires_at', '>', now).update({ response_received_at: now });
  return updated === 1;
}

/** Records what the answer came to: the sealed citizen, or only a stable error code. */
export async function recordOutcome(db: Database, id: string, outcome: { citizen: string; responseCodeHash: string } | { errorCode: ErrorCode; responseCodeHash: string }): Promise<void> {
  await db.knex(table).where({ id }).update('citizen' in outcome
    ? { outcome: 'succeeded', citizen: outcome.citizen, response_code_hash: outcome.responseCodeHash }
    : { outcome: 'failed', error_code: outcome.errorCode, response_code_hash: outcome.responseCodeHash });
}

/**
 * The browser takes the outcome once: the row is deleted in the same statement that proves the
 * browser and the outcome, so the sealed citizen and the ephemeral key leave with it.
 */
export async function takeOutcome(db: Database, id: string, browserBinding: string, now: number): Promise<WalletTransaction | undefined> {
  return db.knex.transaction(async (trx) => {
    const row = (await trx(table).where({ id, browser_binding: browserBinding }).whereNotNull('outcome')
      .andWhere('expires_at', '>', now).first()) as Row | undefined;
    if (!row) return undefined;
    const deleted = await trx(table).where({ id, browser_binding: browserBinding }).delete();
    return deleted === 1 ? fromRow(row) : undefined;
  });
}

export async function purgeExpiredWalletTransactions(db: Database, now: number): Promise<number> {
  return db.knex(table).where('expires_at', '<=', now).delete();
}
