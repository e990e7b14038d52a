import type { AppContext } from '../../context.js';
import { appendToTracker } from '../tracker/log.js';
import { sealWindows } from '../tracker/window.js';
import { purgeVciRows } from '../vci/store.js';
import { deletePreviewItem, type ItemRow } from '../vault/items.js';
import { expireConsents, purgeBatch } from './expire-consents.js';
import { purgeItems, purgeItemsOfEndedMandates } from './purge-items.js';
import { expireMandates } from '../mandate/end.js';

export interface PurgeReport { consentsExpired: number; mandatesExpired: number; itemsPurged: number; previewsDiscarded: number; flowsRemoved: number }

/**
 * Retention, run by `npm run purge` and periodically by every instance (each step is safe
 * to run twice at once: every change is conditional on the state it changes). Each step reads
 * only what is due, through indexes, in batches until nothing is due:
 * 1. consents past their expiry get their `expired` event, their status entry flips and the
 *    tracker gets a row (expire-consents.ts); so do mandates (mandate/end.ts);
 * 2. vault items are destroyed once their validity ended (their consents end, each with its
 *    tracker row), or once no consent and no mandate is left and the citizen did not keep them (purge-items.ts);
 * 3. documents fetched for abandoned flows are discarded, and expired flows removed;
 * 4. closed dedupe windows of the tracker are sealed into their chains (tracker/window.ts).
 */
export async function purgeOnce(ctx: AppContext): Promise<PurgeReport> {
  const now = ctx.clock.now();
  const knex = ctx.db.knex;
  const consentsExpired = await expireConsents(knex, now);
  const mandatesExpired = await expireMandates(ctx, now, purgeBatch);
  const itemsPurged = await purgeItems(knex, now) + await purgeItemsOfEndedMandates(knex, now);

  let previewsDiscarded = 0;
  for (;;) {
    const previews = await knex('evidence_items').where({ state: 'preview' }).where('expires_at', '<=', now).orderBy('id').limit(purgeBatch) as ItemRow[];
    for (const item of previews) {
      await knex.transaction(async (trx) => {
        if (!(await deletePreviewItem(trx, item.id))) return;
        previewsDiscarded += 1;
        await appendToTracker(trx, item.citizen_key, now, {
          event: 'discarded', actorType: 'passerelle', evidenceType: item.evidence_type, evidenceId: item.id, outcome: 'ok', detail: 'flow_expired',
        });
      });
    }
    if (previews.length < purgeBatch) break;
  }

  let flowsRemoved = 0;
  for (;;) {
    const removed = await knex.transaction(async (trx) => {
      const ids = await trx('evidence_flows').where('expires_at', '<=', now).limit(purgeBatch).pluck('id') as string[];
      if (ids.length === 0) return 0;
      await trx('evidence_flow_items').whereIn('flow_id', ids).delete();
      return Number(await trx('evidence_flows').whereIn('id', ids).delete());
    });
    flowsRemoved += removed;
    if (removed < purgeBatch) break;
  }
  await sealWindows(knex, now);
  await purgeVciRows(knex, now);
  return { consentsExpired, mandatesExpired, itemsPurged, previewsDiscarded, flowsRemoved };
}
