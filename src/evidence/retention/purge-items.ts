import type { Knex } from 'knex';
import { consentsOfItem, consentState, endConsent, eventsOf } from '../consent/records.js';
import { appendToTracker } from '../tracker/log.js';
import { destroyItem, itemFromRow, type ItemRow } from '../vault/items.js';
import { advanceCursor, cursorOverlapMs, readCursor } from './cursor.js';
import { retentionDue } from './due.js';
import { purgeBatch, trackExpiry } from './expire-consents.js';
import { endMandatesOfItem } from '../mandate/end.js';
import { mandatesOfItem, stateOfMandate } from '../mandate/records.js';

/**
 * Step 2 of retention: vault items are destroyed once their validity ended, or once they
 * were not kept and no consent is left. The candidates come from two index range scans, so
 * an idle run reads next to nothing: stored items whose validity ended (`state, valid_until`),
 * and the items of consents that ended since the last complete scan (`evidence_consent_events.at`).
 * Each candidate is judged again inside its own transaction.
 */
export async function purgeItems(knex: Knex, now: number): Promise<number> {
  let purged = 0;
  const judge = async (ids: readonly string[]) => {
    for (const id of ids) if (await knex.transaction((trx) => purgeOne(trx, id, now))) purged += 1;
  };

  let afterValid: { valid_until: number; id: string } | undefined;
  for (;;) {
    const page = await knex('evidence_items').where('state', 'stored').where('valid_until', '<=', now)
      .modify((q) => {
        if (afterValid) q.where((k) => k.where('valid_until', '>', afterValid!.valid_until).orWhere((same) => same.where('valid_until', afterValid!.valid_until).where('id', '>', afterValid!.id)));
      })
      .orderBy([{ column: 'valid_until' }, { column: 'id' }]).limit(purgeBatch).select('id', 'valid_until') as Array<{ id: string; valid_until: number }>;
    await judge(page.map((row) => row.id));
    if (page.length < purgeBatch) break;
    afterValid = { valid_until: Number(page.at(-1)!.valid_until), id: page.at(-1)!.id };
  }

  const from = Math.max(0, (await readCursor(knex, 'consent-ends')) - cursorOverlapMs);
  let afterEnd: { at: number; id: number } | undefined;
  for (;;) {
    const page = await knex('evidence_consent_events as e').join('evidence_consents as c', 'c.id', 'e.consent_id')
      .join('evidence_items as i', 'i.id', 'c.evidence_id')
      .where('e.at', '>', from).where('e.at', '<=', now)
      .modify((q) => {
        if (afterEnd) q.where((k) => k.where('e.at', '>', afterEnd!.at).orWhere((same) => same.where('e.at', afterEnd!.at).where('e.id', '>', afterEnd!.id)));
      })
      .orderBy([{ column: 'e.at' }, { column: 'e.id' }]).limit(purgeBatch)
      .select('e.at', 'e.id', 'i.id as item_id', 'i.state', 'i.kept') as Array<{ at: number; id: number; item_id: string; state: string; kept: unknown }>;
    const candidates = page.filter((row) => row.state === 'stored' && !(row.kept === true || Number(row.kept) === 1));
    await judge([...new Set(candidates.map((row) => row.item_id))]);
    if (page.length < purgeBatch) break;
    afterEnd = { at: Number(page.at(-1)!.at), id: Number(page.at(-1)!.id) };
  }
  await advanceCursor(knex, 'consent-ends', now);
  return purged;
}

/**
 * The documents behind mandates that ended since the last complete scan (revoked, expired):
 * a document fetched only for a mandate, and not kept, goes once no mandate or consent needs it.
 */
export async function purgeItemsOfEndedMandates(knex: Knex, now: number): Promise<number> {
  const from = Math.max(0, (await readCursor(knex, 'mandate-ends')) - cursorOverlapMs);
  let purged = 0;
  let after: { at: number; id: number } | undefined;
  for (;;) {
    const page = await knex('evidence_mandate_events as e').join('evidence_mandates as m', 'm.id', 'e.mandate_id')
      .where('e.at', '>', from).where('e.at', '<=', now)
      .modify((q) => {
        if (after) q.where((k) => k.where('e.at', '>', after!.at).orWhere((same) => same.where('e.at', after!.at).where('e.id', '>', after!.id)));
      })
      .orderBy([{ column: 'e.at' }, { column: 'e.id' }]).limit(purgeBatch).select('e.at', 'e.id', 'm.evidence_id') as Array<{ at: number; id: number; evidence_id: string }>;
    for (const id of new Set(page.map((row) => row.evidence_id))) if (await knex.transaction((trx) => purgeOne(trx, id, now))) purged += 1;
    if (page.length < purgeBatch) break;
    after = { at: Number(page.at(-1)!.at), id: Number(page.at(-1)!.id) };
  }
  await advanceCursor(knex, 'mandate-ends', now);
  return purged;
}

/**
 * Validity over, or (not kept and) every consent and mandate ended. A consent still running on an item
 * whose validity ended ends here too, with its `expired` event and its tracker row.
 */
async function purgeOne(trx: Knex.Transaction, id: string, now: number): Promise<boolean> {
  const row = await trx('evidence_items').where({ id, state: 'stored' }).first() as ItemRow | undefined;
  if (!row) return false;
  const item = itemFromRow(row);
  const consents = await consentsOfItem(trx, item.id);
  const events = await eventsOf(trx, consents.map((c) => c.id));
  const mandates = await Promise.all((await mandatesOfItem(trx, item.id)).map((mandate) => stateOfMandate(trx, mandate, now)));
  const due = retentionDue(item, [...consents.map((consent) => consentState(consent, events.get(consent.id), now)), ...mandates], now);
  if (!due) return false;
  if (due.reason === 'validity_ended') {
    for (const consent of consents) {
      const { recorded } = await endConsent(trx, consent, 'expired', 'passerelle', now);
      if (recorded) await trackExpiry(trx, consent, now, 'validity_ended');
    }
  }
  if (!(await destroyItem(trx, item.id, 'purged', now))) return false;
  await endMandatesOfItem(trx, item.id, 'passerelle', now);
  await appendToTracker(trx, item.citizen_key, now, {
    event: 'purged', actorType: 'passerelle', actorId: item.authority_id, evidenceType: item.evidence_type, evidenceId: item.id, outcome: 'ok',
  });
  return true;
}
