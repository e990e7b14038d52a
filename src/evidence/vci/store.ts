import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { sha256Digest } from '../vault/envelope.js';
import { statusInvalid, statusValid } from '../status/lists.js';
import { accessTokenTtlSeconds, nonceTtlMs, txCodeMaxAttempts } from './settings.js';

/**
 * The issuer's rows. Every one-time value is stored as its SHA-256 only and consumed by one
 * conditional UPDATE whose row count says who won, so two instances (or two requests racing
 * on one) behave as one: exactly one consumer succeeds.
 */
type Db = Knex | Knex.Transaction;

export interface OfferRow {
  id: string;
  /** The wallet consent behind an evidence offer; null for a mandate's offer. */
  consent_id: string | null;
  /** The mandate behind a representation offer (src/evidence/mandate/wallet.ts); null for an evidence offer. */
  mandate_id: string | null;
  citizen_key: string;
  evidence_id: string;
  evidence_type: string;
  flow_id: string | null;
  state: 'offered' | 'redeemed' | 'exhausted';
  tx_attempts: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');
const hash = (value: string) => sha256Digest(value);

function offerFromRow(row: OfferRow): OfferRow {
  return {
    ...row, tx_attempts: Number(row.tx_attempts), created_at: Number(row.created_at), expires_at: Number(row.expires_at),
    revoked_at: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

export async function insertOffer(trx: Knex.Transaction, row: Omit<OfferRow, 'state' | 'tx_attempts' | 'revoked_at'> & { preAuthorizedCode: string; txCode: string; issuerState: string }): Promise<void> {
  const { preAuthorizedCode, txCode, issuerState, ...rest } = row;
  await trx('evidence_vci_offers').insert({
    ...rest, pre_auth_hash: hash(preAuthorizedCode), tx_hash: hash(txCode), issuer_state_hash: hash(issuerState), state: 'offered', tx_attempts: 0, revoked_at: null,
  });
}

export async function findOffer(db: Db, id: string): Promise<OfferRow | undefined> {
  const row = await db('evidence_vci_offers').where({ id }).first() as OfferRow | undefined;
  return row ? offerFromRow(row) : undefined;
}

const live = (query: Knex.QueryBuilder, now: number) => query.where('state', 'offered').where('expires_at', '>', now).whereNull('revoked_at');

/**
 * The pre-authorized code grant: the offer is redeemed only with its tx_code, before it expires
 * and while fewer than `txCodeMaxAttempts` wrong codes were tried. A wrong code counts, and the
 * last allowed wrong code exhausts the offer for good.
 */
export async function redeemPreAuthorized(db: Knex.Transaction, preAuthorizedCode: string, txCode: string, now: number): Promise<OfferRow | 'wrong_tx_code' | undefined> {
  const preAuthHash = hash(preAuthorizedCode);
  const won = await live(db('evidence_vci_offers').where({ pre_auth_hash: preAuthHash, tx_hash: hash(txCode) }), now)
    .where('tx_attempts', '<', txCodeMaxAttempts).update({ state: 'redeemed' });
  if (Number(won) === 1) return offerFromRow(await db('evidence_vci_offers').where({ pre_auth_hash: preAuthHash }).first() as OfferRow);
  const counted = await live(db('evidence_vci_offers').where({ pre_auth_hash: preAuthHash }), now).update({ tx_attempts: db.raw('tx_attempts + 1') });
  if (Number(counted) === 0) return undefined;
  await db('evidence_vci_offers').where({ pre_auth_hash: preAuthHash, state: 'offered' }).where('tx_attempts', '>=', txCodeMaxAttempts).update({ state: 'exhausted' });
  return 'wrong_tx_code';
}

/** A live offer by its issuer_state (read only: the authorization endpoint may first need a login). */
export async function liveOfferByIssuerState(db: Db, issuerState: string, now: number): Promise<OfferRow | undefined> {
  const row = await live(db('evidence_vci_offers').where({ issuer_state_hash: hash(issuerState) }), now).first() as OfferRow | undefined;
  return row ? offerFromRow(row) : undefined;
}

/** The authorization code grant takes the offer: from then on neither grant can use it again. */
export async function redeemForAuthorization(trx: Knex.Transaction, offerId: string, now: number): Promise<boolean> {
  return Number(await live(trx('evidence_vci_offers').where({ id: offerId }), now).update({ state: 'redeemed' })) === 1;
}

export interface CodeRow { offer_id: string; client_id: string; redirect_uri: string; code_challenge: string }

export async function insertCode(trx: Knex.Transaction, code: string, row: CodeRow, expiresAt: number): Promise<void> {
  await trx('evidence_vci_codes').insert({ code_hash: hash(code), ...row, expires_at: expiresAt, used_at: null });
}

/** Consumes an authorization code once; whatever is wrong with the request afterwards, it is gone. */
export async function consumeCode(db: Knex, code: string, now: number): Promise<CodeRow | undefined> {
  const codeHash = hash(code);
  const won = await db('evidence_vci_codes').where({ code_hash: codeHash }).whereNull('used_at').where('expires_at', '>', now).update({ used_at: now });
  if (Number(won) !== 1) return undefined;
  return await db('evidence_vci_codes').where({ code_hash: codeHash }).first('offer_id', 'client_id', 'redirect_uri', 'code_challenge') as CodeRow;
}

/** One access token, usable once per credential configuration of the offer. */
export async function issueAccessToken(trx: Knex.Transaction, offerId: string, configurationIds: string[], now: number): Promise<string> {
  const token = secret();
  const expiresAt = now + accessTokenTtlSeconds * 1000;
  await trx('evidence_vci_tokens').insert(configurationIds.map((id) => ({ token_hash: hash(token), configuration_id: id, offer_id: offerId, expires_at: expiresAt, used_at: null })));
  return token;
}

/** The offer behind a live token, and the configurations it may still be used for. */
export async function tokenGrant(db: Db, token: string, now: number): Promise<{ offerId: string; unused: string[] } | undefined> {
  const rows = await db('evidence_vci_tokens').where({ token_hash: hash(token) }).where('expires_at', '>', now) as Array<{ offer_id: string; configuration_id: string; used_at: unknown }>;
  if (rows.length === 0) return undefined;
  return { offerId: rows[0]!.offer_id, unused: rows.filter((r) => r.used_at === null).map((r) => r.configuration_id) };
}

export async function consumeToken(trx: Knex.Transaction, token: string, configurationId: string, now: number): Promise<boolean> {
  const won = await trx('evidence_vci_tokens').where({ token_hash: hash(token), configuration_id: configurationId })
    .whereNull('used_at').where('expires_at', '>', now).update({ used_at: now });
  return Number(won) === 1;
}

export async function createNonce(db: Knex, now: number): Promise<{ nonce: string; expiresAt: number }> {
  const nonce = secret();
  const expiresAt = now + nonceTtlMs;
  await db('evidence_vci_nonces').insert({ nonce_hash: hash(nonce), expires_at: expiresAt, used_at: null });
  return { nonce, expiresAt };
}

export async function consumeNonce(trx: Knex.Transaction, nonce: string, now: number): Promise<boolean> {
  const won = await trx('evidence_vci_nonces').where({ nonce_hash: hash(nonce) }).whereNull('used_at').where('expires_at', '>', now).update({ used_at: now });
  return Number(won) === 1;
}

export interface CredentialRow {
  /** consent_id: the wallet consent's id, or the mandate's. */
  id: string; offer_id: string; consent_id: string; configuration_id: string; status_list_id: string; status_idx: number; issued_at: number; expires_at: number;
}

export async function insertCredential(trx: Knex.Transaction, row: CredentialRow): Promise<void> {
  await trx('evidence_vci_credentials').insert(row);
}

/**
 * The consent (or the mandate) behind a wallet offer ended: the offer issues nothing more (this
 * UPDATE also serialises with a credential request in flight, which locks the same row) and
 * every credential issued under it flips to INVALID in the status list. Credentials keep the
 * consent's or the mandate's id in their `consent_id`.
 */
export async function revokeWalletCredentials(trx: Knex.Transaction, consentId: string, reason: string, now: number): Promise<number> {
  await trx('evidence_vci_offers').where((q) => q.where({ consent_id: consentId }).orWhere({ mandate_id: consentId })).whereNull('revoked_at').update({ revoked_at: now });
  const changed = await trx('evidence_status_entries').where({ status: statusValid })
    .whereIn('consent_id', trx('evidence_vci_credentials').select('id').where({ consent_id: consentId }))
    .update({ status: statusInvalid, changed_at: now, reason });
  return Number(changed);
}

/** Taken by a credential request before it issues: waits for a revocation in flight, and refuses after one. */
export async function lockLiveOffer(trx: Knex.Transaction, offerId: string): Promise<boolean> {
  const touched = await trx('evidence_vci_offers').where({ id: offerId }).whereNull('revoked_at').update({ revoked_at: null });
  return Number(touched) === 1;
}

/** Housekeeping for the purge job: one-time values past their life. */
export async function purgeVciRows(db: Knex, now: number): Promise<void> {
  await db('evidence_vci_nonces').where('expires_at', '<=', now).delete();
  await db('evidence_vci_codes').where('expires_at', '<=', now).delete();
  await db('evidence_vci_tokens').where('expires_at', '<=', now).delete();
}
