import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import type { EvidenceDeps } from '../ports.js';
import { appendToTracker } from '../tracker/log.js';
import { deletePreviewItem, findOwnItem, storeItem } from '../vault/items.js';
import type { BoundFlow } from './flow-access.js';
import { finishFlow } from './flow-store.js';

/**
 * The citizen's no: the portal gets nothing, and documents fetched for this flow are deleted
 * unless the citizen explicitly chose to keep them in the vault.
 */
export async function declineFlow(ctx: AppContext, deps: EvidenceDeps, bound: BoundFlow, keep: boolean): Promise<void> {
  const { flow, items } = bound;
  const now = ctx.clock.now();
  await ctx.db.knex.transaction(async (trx) => {
    if (!(await finishFlow(trx, flow.id, 'declined', now))) throw new PasserelleError('evidence_flow_finished');
    for (const link of items) {
      const request = flow.requests[link.idx]!;
      const base = { evidenceType: request.evidenceType, procedure: request.procedure, purpose: request.purpose, outcome: 'ok' as const };
      if (link.source === 'fetched' && link.evidence_id) {
        const item = await findOwnItem(trx, flow.citizen_key, link.evidence_id);
        if (item?.state === 'preview' && keep) {
          await storeItem(trx, item.id, true, now);
          await appendToTracker(trx, flow.citizen_key, now, { ...base, event: 'kept', actorType: 'citizen', evidenceId: item.id });
        } else if (item?.state === 'preview') {
          await deletePreviewItem(trx, item.id);
          await appendToTracker(trx, flow.citizen_key, now, { ...base, event: 'discarded', actorType: 'passerelle', evidenceId: item.id });
        }
      }
      await deps.checkpoint?.('decline:item-settled');
      await appendToTracker(trx, flow.citizen_key, now, { ...base, event: 'declined', actorType: 'portal', actorId: flow.client_id });
    }
  });
}
