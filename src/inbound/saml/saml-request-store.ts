import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { RequestedAttribute } from '../../core/legal-person-attributes.js';
import { PasserelleError } from '../../core/errors.js';
import type { Loa } from '../../core/loa.js';
import type { Database } from '../../storage/database.js';
import { hotQuery } from '../../storage/hot-query.js';
import { fromJson, toJson, toMillis } from '../../storage/values.js';

/** A sent AuthnRequest waiting for its Response. */
export interface PendingSamlRequest {
  id: string;
  country: string;
  flowId: string;
  requestedLoa: Loa;
  browserBinding: string;
  relayState: string;
  requestedAttributes: readonly RequestedAttribute[];
  createdAt: number;
  expiresAt: number;
  consumedAt?: number;
}

interface Row {
  id: string; country: string; flow_id: string; requested_loa: string; browser_binding: string; relay_state: string;
  requested_attributes: string; created_at: unknown; expires_at: unknown; consumed_at: unknown;
}

export async function savePendingRequest(db: Database, request: PendingSamlRequest): Promise<void> {
  await hotQuery(db, `insert into saml_requests (id, country, flow_id, requested_loa, browser_binding, relay_state, requested_attributes, created_at, expires_at)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    request.id, request.country, request.flowId, request.requestedLoa, request.browserBinding, request.relayState,
    toJson(request.requestedAttributes), request.createdAt, request.expiresAt,
  ]);
}

/** Read-only lookup: validation reads first and writes only once everything has passed. */
export async function findPendingRequest(db: Database, id: string): Promise<PendingSamlRequest | undefined> {
  if (id.length > 80) return undefined;
  const [row] = await hotQuery<Row>(db, 'select * from saml_requests where id = ?', [id]);
  if (!row) return undefined;
  const consumedAt = toMillis(row.consumed_at);
  return {
    id: row.id, country: row.country, flowId: row.flow_id, requestedLoa: row.requested_loa as Loa,
    browserBinding: row.browser_binding, relayState: row.relay_state,
    requestedAttributes: fromJson(row.requested_attributes), createdAt: toMillis(row.created_at) ?? 0,
    expiresAt: toMillis(row.expires_at) ?? 0, ...(consumedAt !== null ? { consumedAt } : {}),
  };
}

/** Marks the request used, once: one UPDATE that only a live, unused request of this browser satisfies. */
async function consume(trx: Knex | Knex.Transaction, id: string, browserBinding: string, now: number): Promise<void> {
  const updated = await trx('saml_requests')
    .where({ id, browser_binding: browserBinding }).whereNull('consumed_at').andWhere('expires_at', '>', now)
    .update({ consumed_at: now });
  if (updated !== 1) throw new PasserelleError('saml_request_unknown', 'pending request already consumed or expired (concurrent use)');
}

export function assertionReplayKey(issuer: string, assertionId: string): string {
  return createHash('sha256').update(issuer).update('\0').update(assertionId).digest('hex');
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * The only writes of a successful response, in one transaction: consume the pending request
 * and record the assertion ID until it expires. A replayed assertion rolls both back, so a
 * rejected response changes no row.
 */
export async function commitAcceptedResponse(db: Database, input: {
  requestId: string; browserBinding: string; now: number; issuer: string; assertionId: string; assertionExpiresAt: number;
}): Promise<void> {
  const key = assertionReplayKey(input.issuer, input.assertionId);
  if (db.dialect === 'postgres') return commitInOneStatement(db, input, key);
  try {
    await db.knex.transaction(async (trx) => {
      await consume(trx, input.requestId, input.browserBinding, input.now);
      await trx('saml_seen_assertions').where({ key }).andWhere('expires_at', '<=', input.now).delete();
      await trx('saml_seen_assertions').insert({ key, created_at: input.now, expires_at: input.assertionExpiresAt });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new PasserelleError('saml_replay', 'assertion ID already seen', { cause: error });
    throw error;
  }
}

const replayMarker = 'saml_replay_detected';

/**
 * The same two writes as one PostgreSQL statement (one round trip instead of five): consume
 * the request, then record the assertion ID (taking over an expired entry). When the ID is
 * live already, the statement fails on purpose (a text that is not a number, computed from
 * the CTE so that it is not evaluated at planning time), and PostgreSQL undoes the consume
 * with it: a rejected response still changes no row.
 */
async function commitInOneStatement(db: Database, input: { requestId: string; browserBinding: string; now: number; assertionExpiresAt: number }, key: string): Promise<void> {
  let rows: Array<{ consumed: number | string }>;
  try {
    rows = await hotQuery<{ consumed: number | string }>(db, 
      `with consumed as (
         update saml_requests set consumed_at = ?
         where id = ? and browser_binding = ? and consumed_at is null and expires_at > ?
         returning id
       ), recorded as (
         insert into saml_seen_assertions (key, created_at, expires_at)
         select ?, ?, ? from consumed
         on conflict (key) do update set created_at = excluded.created_at, expires_at = excluded.expires_at
           where saml_seen_assertions.expires_at <= ?
         returning key
       )
       select case when (select count(*) from consumed) = (select count(*) from recorded) then (select count(*) from consumed)
                   else ('${replayMarker}' || (select count(*) from recorded))::bigint end as consumed`,
      [input.now, input.requestId, input.browserBinding, input.now, key, input.now, input.assertionExpiresAt, input.now],
    );
  } catch (error) {
    if (String((error as Error).message).includes(replayMarker)) throw new PasserelleError('saml_replay', 'assertion ID already seen', { cause: error });
    throw error;
  }
  if (Number(rows[0]?.consumed) !== 1) throw new PasserelleError('saml_request_unknown', 'pending request already consumed or expired (concurrent use)');
}

/** A non-Success status ends the pending request too (it cannot be answered twice). */
export async function consumeForFailure(db: Database, requestId: string, browserBinding: string, now: number): Promise<void> {
  await consume(db.knex, requestId, browserBinding, now);
}

/**
 * Counts one refused response against a live, unconsumed request of this browser. The UPDATE that counts the
 * `maxAttempts`-th refusal also consumes the request, so exactly one caller (on any instance) learns that this
 * refusal ended the login, and no later response can answer it.
 */
export async function recordRefusedAttempt(db: Database, input: {
  requestId: string; browserBinding: string; now: number; maxAttempts: number;
}): Promise<'counted' | 'exhausted' | 'not-pending'> {
  const rows = await db.knex('saml_requests')
    .where({ id: input.requestId, browser_binding: input.browserBinding }).whereNull('consumed_at').andWhere('expires_at', '>', input.now)
    .update({
      refused_attempts: db.knex.raw('refused_attempts + 1'),
      consumed_at: db.knex.raw('CASE WHEN refused_attempts + 1 >= ? THEN CAST(? AS BIGINT) ELSE NULL END', [input.maxAttempts, input.now]),
    }, ['consumed_at']) as Array<{ consumed_at: unknown }>;
  if (rows.length === 0) return 'not-pending';
  return toMillis(rows[0]!.consumed_at) === null ? 'counted' : 'exhausted';
}

/** Deletes expired pending requests and replay entries (called on a timer and by `npm run purge`). */
export async function purgeExpiredSamlState(db: Database, now: number): Promise<{ requests: number; assertions: number }> {
  const requests = await db.knex('saml_requests').where('expires_at', '<', now).delete();
  const assertions = await db.knex('saml_seen_assertions').where('expires_at', '<', now).delete();
  return { requests, assertions };
}
