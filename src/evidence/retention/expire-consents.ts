import type { Knex } from 'knex';
import { consentFromRow, endConsent, type ConsentRow } from '../consent/records.js';
import { appendToTracker } from '../tracker/log.js';
import { advanceCursor, cursorOverlapMs, readCursor } from './cursor.js';

export const purgeBatch = 500;

/**
 * Step 1 of retention: consents whose time ran out get their `expired` event, their status
 * entry flips and the citizen's tracker gets a row. Only consents that expired since the last
 * complete scan are read (through the index on `expires_at`), in batches until none is left.
 */
export async function expireConsents(knex: Knex, now: number): Promise<number> {
  const from = Math.max(0, (await readCursor(knex, 'consents')) - cursorOverlapMs);
  let after: { expires_at: number; id: string } | undefined;
  let expired = 0;
  for (;;) {
    const page = await knex('evidence_consents as c')
      .whereNotExists(knex('evidence_consent_events as e').select(knex.raw('1')).whereRaw('e.consent_id = c.id'))
      .where('c.expires_at', '>', from).where('c.expires_at', '<=', now)
      .modify((q) => {
        if (after) q.where((k) => k.where('c.expires_at', '>', after!.expires_at).orWhere((same) => same.where('c.expires_at', after!.expires_at).where('c.id', '>', after!.id)));
      })
      .orderBy([{ column: 'c.expires_at' }, { column: 'c.id' }]).limit(purgeBatch).select('c.*') as ConsentRow[];
    for (const consent of page.map(consentFromRow)) {
      if (await knex.transaction((trx) => expireOne(trx, consent, now))) expired += 1;
    }
    if (page.length < purgeBatch) break;
    const last = consentFromRow(page.at(-1)!);
    after = { expires_at: last.expires_at, id: last.id };
  }
  await advanceCursor(knex, 'consents', now);
  return expired;
}

async function expireOne(trx: Knex.Transaction, consent: ConsentRow, now: number): Promise<boolean> {
  const { recorded } = await endConsent(trx, consent, 'expired', 'passerelle', now);
  if (recorded) await trackExpiry(trx, consent, now, null);
  return recorded;
}

/** The tracker row of a sharing that ended on its own: its period ran out, or the document's validity did. */
export function trackExpiry(trx: Knex.Transaction, consent: ConsentRow, now: number, detail: 'validity_ended' | null): Promise<unknown> {
  return appendToTracker(trx, consent.citizen_key, now, {
    event: 'expired', actorType: 'passerelle', actorId: consent.client_id, evidenceType: consent.evidence_type,
    evidenceId: consent.evidence_id, consentId: consent.id, procedure: consent.procedure, purpose: consent.purpose, outcome: 'ok', detail,
  });
}
