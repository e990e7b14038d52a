import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { consentFromRow, consentsOfItem, consentState, endConsent, eventsOf, type ConsentRow } from '../consent/records.js';
import { appendToTracker } from '../tracker/log.js';
import { retentionDue } from './due.js';
import { deletePreviewItem, destroyItem, itemFromRow, type ItemRow } from '../vault/items.js';

export interface PurgeReport { consentsExpired: number; itemsPurged: number; previewsDiscarded: number; flowsRemoved: number }

const batch = 500;

/**
 * Retention, run by `npm run purge` and periodically by every instance (each step is safe
 * to run twice at once: every change is conditional on the state it changes).
 * 1. consents past their expiry get their `expired` event and their status entry flips;
 * 2. vault items are destroyed once their validity ended, or once no consent is left and
 *    the citizen did not choose to keep them;
 * 3. documents fetched for abandoned flows are discarded, and expired flows removed.
 */
export async function purgeOnce(ctx: AppContext): Promise<PurgeReport> {
  const now = ctx.clock.now();
  const report: PurgeReport = { consentsExpired: 0, itemsPurged: 0, previewsDiscarded: 0, flowsRemoved: 0 };
  const knex = ctx.db.knex;

  const expired = await knex('evidence_consents as c').leftJoin('evidence_consent_events as e', 'e.consent_id', 'c.id')
    .whereNull('e.id').where('c.expires_at', '<=', now).limit(batch).select('c.*') as ConsentRow[];
  for (const consent of expired.map(consentFromRow)) {
    await knex.transaction(async (trx) => {
      const { recorded } = await endConsent(trx, consent, 'expired', 'passerelle', now);
      if (recorded) {
        report.consentsExpired += 1;
        await appendToTracker(trx, consent.citizen_key, now, {
          event: 'expired', actorType: 'passerelle', actorId: consent.client_id, evidenceType: consent.evidence_type,
          evidenceId: consent.evidence_id, consentId: consent.id, procedure: consent.procedure, purpose: consent.purpose, outcome: 'ok',
        });
      }
    });
  }

  // Only candidates, so a batch is never filled by items that must stay.
  const stored = await knex('evidence_items as i').where('i.state', 'stored')
    .andWhere((q) => q.where('i.valid_until', '<=', now).orWhere((notKept) => notKept.where('i.kept', false).whereNotExists(
      knex('evidence_consents as c').select(knex.raw('1')).whereRaw('c.evidence_id = i.id').where('c.expires_at', '>', now)
        .whereNotExists(knex('evidence_consent_events as e').select(knex.raw('1')).whereRaw('e.consent_id = c.id')),
    )))
    .limit(batch).select('i.*') as ItemRow[];
  for (const item of stored.map(itemFromRow)) {
    await knex.transaction(async (trx) => {
      if (!(await retentionEnded(trx, item, now))) return;
      if (!(await destroyItem(trx, item.id, 'purged', now))) return;
      report.itemsPurged += 1;
      await appendToTracker(trx, item.citizen_key, now, {
        event: 'purged', actorType: 'passerelle', actorId: item.authority_id, evidenceType: item.evidence_type, evidenceId: item.id, outcome: 'ok',
      });
    });
  }

  const previews = await knex('evidence_items').where({ state: 'preview' }).where('expires_at', '<=', now).limit(batch) as ItemRow[];
  for (const item of previews) {
    await knex.transaction(async (trx) => {
      if (!(await deletePreviewItem(trx, item.id))) return;
      report.previewsDiscarded += 1;
      await appendToTracker(trx, item.citizen_key, now, {
        event: 'discarded', actorType: 'passerelle', evidenceType: item.evidence_type, evidenceId: item.id, outcome: 'ok', detail: 'flow_expired',
      });
    });
  }

  report.flowsRemoved = await knex.transaction(async (trx) => {
    const ids = await trx('evidence_flows').where('expires_at', '<=', now).limit(batch).pluck('id') as string[];
    if (ids.length === 0) return 0;
    await trx('evidence_flow_items').whereIn('flow_id', ids).delete();
    return Number(await trx('evidence_flows').whereIn('id', ids).delete());
  });
  return report;
}

/** Validity over, or (not kept and) every consent ended; ending consents of an invalid item on the way. */
async function retentionEnded(trx: Knex.Transaction, item: ItemRow, now: number): Promise<boolean> {
  const consents = await consentsOfItem(trx, item.id);
  const events = await eventsOf(trx, consents.map((c) => c.id));
  const due = retentionDue(item, consents.map((consent) => consentState(consent, events.get(consent.id), now)), now);
  if (due?.reason === 'validity_ended') {
    for (const consent of consents) await endConsent(trx, consent, 'expired', 'passerelle', now);
  }
  return due !== undefined;
}
