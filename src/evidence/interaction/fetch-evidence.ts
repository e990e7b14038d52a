import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { isPasserelleError, PasserelleError, type ErrorCode } from '../../core/errors.js';
import type { AuthorityPort, EvidenceDeps, FetchedEvidence } from '../ports.js';
import { appendToTracker } from '../tracker/log.js';
import { insertPreviewItem } from '../vault/items.js';
import { pickText } from '../web/format.js';
import type { BoundFlow } from './flow-access.js';
import { flowCitizen, linkItem, recordItemError } from './flow-store.js';

/** Refusals the citizen is told about in their own words; anything else is "unavailable". */
const explainedRefusals: readonly ErrorCode[] = ['evidence_no_record', 'evidence_identity_mismatch', 'evidence_loa_too_low', 'evidence_unavailable'];

/**
 * The explicit request: on the citizen's click (a POST), ask the home authority for the
 * document. Network first, outside any transaction; then one transaction stores the sealed
 * item, links it to the flow and writes the tracker rows, or nothing at all.
 */
export async function fetchForFlow(ctx: AppContext, deps: EvidenceDeps, authorities: AuthorityPort, bound: BoundFlow, idx: number): Promise<void> {
  const { flow } = bound;
  if (bound.items[idx]?.evidence_id) return;
  const request = flow.requests[idx]!;
  const citizen = flowCitizen(ctx, flow);
  const authority = authorities.authorityFor(ctx, citizen.country, request.evidenceType);
  if (!authority) {
    await recordItemError(ctx.db.knex, flow.id, idx, 'no_authority');
    return;
  }
  const portal = ctx.config.portals.find((p) => p.clientId === flow.client_id);
  const requestedAt = ctx.clock.now();
  const trackerBase = { evidenceType: request.evidenceType, procedure: request.procedure, purpose: request.purpose };
  const requested = { ...trackerBase, event: 'requested' as const, actorType: 'citizen' as const, actorId: authority.id, outcome: 'ok' as const };

  let fetched: FetchedEvidence;
  const requestId = randomUUID();
  try {
    fetched = await authorities.requestEvidence(ctx, {
      authorityId: authority.id, citizen, evidenceType: request.evidenceType,
      requester: { clientId: flow.client_id, name: pickText(portal?.name, 'en', flow.client_id) },
      procedure: request.procedure, purpose: request.purpose, requestId,
    });
    if (fetched.authorityId !== authority.id) throw new PasserelleError('evidence_unavailable', 'answer from another authority');
  } catch (error) {
    const code = isPasserelleError(error) && explainedRefusals.includes(error.code) ? error.code : 'evidence_unavailable';
    if (!isPasserelleError(error)) ctx.logger.warn({ code, cause: (error as Error)?.message?.slice(0, 200) }, 'evidence fetch failed');
    await ctx.db.knex.transaction(async (trx) => {
      await recordItemError(trx, flow.id, idx, code);
      await appendToTracker(trx, flow.citizen_key, requestedAt, requested);
      await appendToTracker(trx, flow.citizen_key, ctx.clock.now(), {
        ...trackerBase, event: 'fetch_failed', actorType: 'authority', actorId: authority.id,
        outcome: code === 'evidence_unavailable' ? 'failed' : 'refused', detail: code,
      });
    });
    return;
  }

  await ctx.db.knex.transaction(async (trx) => {
    const open = await trx('evidence_flows').where({ id: flow.id, state: 'open' }).first('id');
    if (!open) throw new PasserelleError('evidence_flow_finished');
    const item = await insertPreviewItem(trx, ctx, {
      citizenKey: flow.citizen_key, flowId: flow.id, fetched, evidenceType: request.evidenceType, requestedAt, expiresAt: flow.expires_at, requestId,
    });
    await deps.checkpoint?.('fetch:item-stored');
    if (!(await linkItem(trx, flow.id, idx, item.id, 'fetched'))) throw new PasserelleError('evidence_flow_finished', 'item already linked');
    await appendToTracker(trx, flow.citizen_key, requestedAt, requested);
    await deps.checkpoint?.('fetch:requested-logged');
    await appendToTracker(trx, flow.citizen_key, item.fetched_at, {
      ...trackerBase, event: 'fetched', actorType: 'authority', actorId: authority.id, evidenceId: item.id, outcome: 'ok',
    });
  });
}
