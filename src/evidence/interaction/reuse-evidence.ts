import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import type { EvidenceDeps } from '../ports.js';
import { appendToTracker } from '../tracker/log.js';
import { findOwnItem } from '../vault/items.js';
import type { BoundFlow } from './flow-access.js';
import { acceptedTypes, linkItem } from './flow-store.js';

/** Offers a document already in the citizen's own vault, of the requested type and still valid. */
export async function reuseForFlow(ctx: AppContext, deps: EvidenceDeps, bound: BoundFlow, idx: number, evidenceId: string | undefined): Promise<void> {
  const { flow } = bound;
  const request = flow.requests[idx]!;
  const now = ctx.clock.now();
  const item = evidenceId ? await findOwnItem(ctx.db.knex, flow.citizen_key, evidenceId) : undefined;
  const usable = item && item.state === 'stored' && acceptedTypes(request).includes(item.evidence_type) && (item.valid_until === null || item.valid_until > now);
  if (!item || !usable) throw new PasserelleError('not_found', 'no such reusable item in this citizen\'s vault');
  await ctx.db.knex.transaction(async (trx) => {
    if (!(await linkItem(trx, flow.id, idx, item.id, 'reused'))) throw new PasserelleError('evidence_flow_finished', 'item already linked');
    await deps.checkpoint?.('reuse:linked');
    await appendToTracker(trx, flow.citizen_key, now, {
      event: 'reused', actorType: 'citizen', actorId: item.authority_id, evidenceType: item.evidence_type, evidenceId: item.id,
      procedure: request.procedure, purpose: request.purpose, outcome: 'ok',
    });
  });
}
