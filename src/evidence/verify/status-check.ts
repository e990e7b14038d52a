import type { AppContext } from '../../context.js';
import type { AttestationClaims } from '../attestation/claims.js';
import { consentFromRow, consentState, type ConsentEventRow, type ConsentRow } from '../consent/records.js';
import { statusListUri } from '../issuer.js';
import { statusValid } from '../status/lists.js';
import { readStatusRows } from './status-reads.js';

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
  // One statement for the entry, its consent and the consent's end events, shared with the verifications arriving together.
  const joined = listId && Number.isInteger(idx) ? await readStatusRows(ctx.db.knex, listId, idx) : [];
  const entry = joined[0];
  if (!entry || entry.entry_consent_id !== claims.consent_id) return { status: 'unknown', listValue: entry ? Number(entry.entry_status) : null, uri, idx };
  const listValue = Number(entry.entry_status);
  const now = ctx.clock.now();
  const consent = entry.id ? consentFromRow(pickConsent(entry)) : null;
  const events: ConsentEventRow[] = joined.filter((row) => row.end_event).map((row) => ({ consent_id: row.id, event: row.end_event!, at: Number(row.end_at), actor: row.end_actor ?? '' }));
  const state = consent ? consentState(consent, events, now).state : undefined;
  const found = { listValue, uri, idx, consent };
  if (listValue !== statusValid) return { status: state && state !== 'active' ? state : 'invalid', ...found };
  if (claims.exp * 1000 <= now || state === 'expired') return { status: 'expired', ...found };
  if (state && state !== 'active') return { status: state, ...found };
  return { status: 'valid', ...found };
}

const consentColumns = ['id', 'citizen_key', 'evidence_id', 'client_id', 'evidence_type', 'procedure', 'purpose', 'legal_basis', 'explicit_request_at',
  'given_at', 'expires_at', 'flow_id', 'interaction_uid', 'status_list_id', 'status_idx', 'attestation'] as const;

function pickConsent(row: ConsentRow): ConsentRow {
  return Object.fromEntries(consentColumns.map((column) => [column, row[column]])) as unknown as ConsentRow;
}
