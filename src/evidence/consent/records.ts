import type { Knex } from 'knex';
import { invalidateStatus } from '../status/lists.js';
import { revokeWalletCredentials } from '../vci/store.js';

/**
 * Consent records are append-only: the terms (who, what, to whom, why, until when, on which
 * legal basis) are written once; withdrawal, expiry and erasure are later events in
 * `evidence_consent_events`. A database trigger refuses UPDATE and DELETE on both tables.
 */
export interface ConsentRow {
  id: string;
  citizen_key: string;
  evidence_id: string;
  client_id: string;
  evidence_type: string;
  procedure: string;
  purpose: string;
  legal_basis: string;
  explicit_request_at: number | null;
  given_at: number;
  expires_at: number;
  flow_id: string | null;
  interaction_uid: string | null;
  status_list_id: string;
  status_idx: number;
  attestation: string;
}

export type ConsentEndEvent = 'withdrawn' | 'expired' | 'erased';
export type ConsentState = 'active' | ConsentEndEvent;

export interface ConsentEventRow { consent_id: string; event: ConsentEndEvent; at: number; actor: string }

/** Legal basis recorded for sharing from the vault: the citizen's consent (GDPR Art. 6(1)(a)). */
export const sharingLegalBasis = 'GDPR Art. 6(1)(a) consent';

type Db = Knex | Knex.Transaction;

/** A row as the driver returns it, with numbers as numbers on SQLite and PostgreSQL alike. */
export function consentFromRow(row: ConsentRow): ConsentRow {
  return {
    ...row, given_at: Number(row.given_at), expires_at: Number(row.expires_at), status_idx: Number(row.status_idx),
    explicit_request_at: row.explicit_request_at === null ? null : Number(row.explicit_request_at),
  };
}

export async function insertConsent(trx: Knex.Transaction, row: ConsentRow): Promise<void> {
  await trx('evidence_consents').insert(row);
}

export async function findConsent(db: Db, id: string): Promise<ConsentRow | undefined> {
  const row = await db('evidence_consents').where({ id }).first() as ConsentRow | undefined;
  return row ? consentFromRow(row) : undefined;
}

export async function listConsents(db: Db, citizenKey: string): Promise<ConsentRow[]> {
  const rows = await db('evidence_consents').where({ citizen_key: citizenKey }).orderBy('given_at', 'desc') as ConsentRow[];
  return rows.map(consentFromRow);
}

export async function consentsOfItem(db: Db, evidenceId: string): Promise<ConsentRow[]> {
  const rows = await db('evidence_consents').where({ evidence_id: evidenceId }) as ConsentRow[];
  return rows.map(consentFromRow);
}

export async function eventsOf(db: Db, consentIds: readonly string[]): Promise<Map<string, ConsentEventRow[]>> {
  const byConsent = new Map<string, ConsentEventRow[]>();
  if (consentIds.length === 0) return byConsent;
  const rows = await db('evidence_consent_events').whereIn('consent_id', consentIds).orderBy('at', 'asc') as ConsentEventRow[];
  for (const row of rows) {
    const list = byConsent.get(row.consent_id) ?? [];
    list.push({ ...row, at: Number(row.at) });
    byConsent.set(row.consent_id, list);
  }
  return byConsent;
}

/** The earliest end event counts; without one, a consent is expired once its time is up. */
export function consentState(consent: ConsentRow, events: readonly ConsentEventRow[] | undefined, now: number): { state: ConsentState; since?: number } {
  const ended = [...(events ?? [])].sort((a, b) => a.at - b.at)[0];
  if (ended) return { state: ended.event, since: ended.at };
  if (now >= consent.expires_at) return { state: 'expired', since: consent.expires_at };
  return { state: 'active' };
}

export async function stateOfConsent(db: Db, consent: ConsentRow, now: number): Promise<{ state: ConsentState; since?: number }> {
  const events = await eventsOf(db, [consent.id]);
  return consentState(consent, events.get(consent.id), now);
}

/**
 * Ends a consent: appends the event (once per kind) and flips its status-list entry.
 * Returns what the consent was before, and whether this call recorded its end.
 */
export async function endConsent(trx: Knex.Transaction, consent: ConsentRow, event: ConsentEndEvent, actor: string, now: number): Promise<{ before: ConsentState; recorded: boolean }> {
  const events = (await eventsOf(trx, [consent.id])).get(consent.id) ?? [];
  const before = consentState(consent, events, now);
  // The first end event is the consent's end; later ones would only repeat it.
  if (events.length === 0) {
    await trx('evidence_consent_events').insert({ consent_id: consent.id, event, at: now, actor }).onConflict(['consent_id', 'event']).ignore();
  }
  await invalidateStatus(trx, consent.id, event, now);
  // A wallet consent's end also revokes every credential issued to the wallet under it.
  await revokeWalletCredentials(trx, consent.id, event, now);
  return { before: before.state, recorded: events.length === 0 };
}
