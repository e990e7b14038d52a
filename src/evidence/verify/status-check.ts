import type { AppContext } from '../../context.js';
import type { AttestationClaims } from '../attestation/claims.js';
import { findConsent, stateOfConsent, type ConsentRow } from '../consent/records.js';
import { statusListUri } from '../issuer.js';
import { statusValid } from '../status/lists.js';

export type SharingStatus = 'valid' | 'withdrawn' | 'expired' | 'erased' | 'invalid' | 'unknown';

export interface StatusCheck {
  status: SharingStatus;
  /** The Token Status List value Passerelle publishes for this entry (0 VALID, 1 INVALID). */
  listValue: number | null;
  uri: string;
  idx: number;
  /** The consent as read for the status (null: read, not found), so the caller need not read it again. */
  consent?: ConsentRow | null;
}

/**
 * The attestation's status as Passerelle publishes it (the status-list entry), refined by
 * the consent's own record so the official reads "withdrawn" or "erased", not just "invalid".
 * An expired attestation stays expired even where its entry is still VALID.
 */
export async function attestationStatus(ctx: AppContext, claims: AttestationClaims): Promise<StatusCheck> {
  const { uri, idx } = claims.status.status_list;
  const prefix = statusListUri(ctx, '');
  const listId = uri.startsWith(prefix) ? uri.slice(prefix.length) : '';
  const entry = listId && Number.isInteger(idx)
    ? await ctx.db.knex('evidence_status_entries').where({ list_id: listId, idx }).first('status', 'consent_id') as { status: number; consent_id: string } | undefined
    : undefined;
  if (!entry || entry.consent_id !== claims.consent_id) return { status: 'unknown', listValue: entry ? Number(entry.status) : null, uri, idx };
  const listValue = Number(entry.status);
  const now = ctx.clock.now();
  const consent = await findConsent(ctx.db.knex, claims.consent_id) ?? null;
  const state = consent ? (await stateOfConsent(ctx.db.knex, consent, now)).state : undefined;
  const found = { listValue, uri, idx, consent };
  if (listValue !== statusValid) return { status: state && state !== 'active' ? state : 'invalid', ...found };
  if (claims.exp * 1000 <= now || state === 'expired') return { status: 'expired', ...found };
  if (state && state !== 'active') return { status: state, ...found };
  return { status: 'valid', ...found };
}
