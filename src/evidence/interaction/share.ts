import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { attestSharing } from '../attestation/sharing.js';
import { insertConsent, sharingLegalBasis } from '../consent/records.js';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { qualificationOf } from '../mandate/derive.js';
import { chosenChild, issueMandate } from '../mandate/issue.js';
import type { Qualification } from '../mandate/who-qualifies.js';
import type { EvidenceDeps, EvidenceRequestDetail, RepresentationRequestDetail } from '../ports.js';
import { allocateStatusEntry } from '../status/lists.js';
import { appendToTracker } from '../tracker/log.js';
import { findOwnItem, storeItem, type ItemRow } from '../vault/items.js';
import { pickText } from '../web/format.js';
import type { BoundFlow } from './flow-access.js';
import { acceptedTypes, finishFlow, flowCitizen, type FlowItemRow, type FlowRequest } from './flow-store.js';

const dayMs = 86_400_000;

export interface ShareChoice {
  days: number;
  keep: boolean;
  /** Per representation request (by index): the key of the child the citizen chose. */
  children?: Readonly<Record<number, string | undefined>>;
}

export interface SharedOutcome {
  consents: Array<{ detail: EvidenceRequestDetail; consentId: string }>;
  mandates: Array<{ detail: RepresentationRequestDetail; mandateId: string }>;
}

/**
 * The citizen's yes: for every requested entry one consent (bound to this portal, procedure,
 * purpose and expiry), one status-list entry and one signed attestation; the items move into
 * the vault. All in one transaction, closing the flow first so a second click or a second
 * instance cannot share twice.
 */
export async function shareFlow(ctx: AppContext, deps: EvidenceDeps, bound: BoundFlow, choice: ShareChoice): Promise<SharedOutcome> {
  const { flow, items } = bound;
  if (items.some((link) => !link.evidence_id)) throw new PasserelleError('bad_request', 'not every request has a document');
  const now = ctx.clock.now();
  // Read before the flow is closed: closing it destroys the sealed citizen.
  const citizen = flow.requests.some((r) => r.representation) ? flowCitizen(ctx, flow) : undefined;
  const shared = await ctx.db.knex.transaction(async (trx) => {
    if (!(await finishFlow(trx, flow.id, 'shared', now))) throw new PasserelleError('evidence_flow_finished');
    const outcome: SharedOutcome = { consents: [], mandates: [] };
    for (const link of items) {
      const request = flow.requests[link.idx]!;
      const item = await findOwnItem(trx, flow.citizen_key, link.evidence_id!);
      if (!item || !['preview', 'stored'].includes(item.state) || !acceptedTypes(request).includes(item.evidence_type)) {
        throw new PasserelleError('evidence_flow_finished', 'a linked item is gone');
      }
      if (item.valid_until !== null && item.valid_until <= now) throw new PasserelleError('evidence_flow_finished', 'a linked item expired');
      if (request.representation) {
        const mandateId = await mandateOne(ctx, deps, trx, { flow, link, request, item, choice, now, citizen: citizen! });
        outcome.mandates.push({ detail: request.detail as RepresentationRequestDetail, mandateId });
      } else {
        outcome.consents.push({ detail: request.detail as EvidenceRequestDetail, consentId: await shareOne(ctx, deps, trx, { flow: bound.flow, link, request, item, choice, now }) });
      }
    }
    return outcome;
  });
  for (const { detail } of shared.consents) ctx.metrics.evidenceShares.inc({ evidence_type: detail.evidence_type });
  return shared;
}

/**
 * A mandate instead of a sharing: the relationship is read from the document again, here, in
 * the transaction (never trusted from a page), and the child must be one the document shows.
 * A refusal throws: nothing of the decision is written and the flow stays open.
 */
async function mandateOne(ctx: AppContext, deps: EvidenceDeps, trx: Knex.Transaction, input: {
  flow: BoundFlow['flow']; link: FlowItemRow; request: FlowRequest; item: ItemRow; choice: ShareChoice; now: number; citizen: AuthenticatedCitizen;
}): Promise<string> {
  const { flow, link, request, item, choice, now } = input;
  const qualification = await qualificationOf(ctx, item, input.citizen);
  const child = chosenChild(qualification, choice.children?.[link.idx]);
  const mandateId = await issueMandate(ctx, trx, {
    terms: { citizenKey: flow.citizen_key, clientId: flow.client_id, procedure: request.procedure, purpose: request.purpose, flowId: flow.id, interactionUid: flow.interaction_uid },
    item, qualification: qualification as Qualification & { outcome: 'qualifies' }, child, now, ...(deps.checkpoint ? { checkpoint: deps.checkpoint } : {}),
  });
  // The document stays while the mandate lives (retention counts active mandates), and is kept if she chose to.
  const keep = choice.keep && link.source === 'fetched';
  await storeItem(trx, item.id, keep, now);
  if (keep) {
    await appendToTracker(trx, flow.citizen_key, now, {
      event: 'kept', actorType: 'citizen', evidenceType: item.evidence_type, evidenceId: item.id, procedure: request.procedure, purpose: request.purpose, outcome: 'ok',
    });
  }
  return mandateId;
}

async function shareOne(ctx: AppContext, deps: EvidenceDeps, trx: Knex.Transaction, input: {
  flow: BoundFlow['flow']; link: FlowItemRow; request: FlowRequest; item: ItemRow; choice: ShareChoice; now: number;
}): Promise<string> {
  const { flow, link, request, item, choice, now } = input;
  const consentId = randomUUID();
  const status = await allocateStatusEntry(trx, consentId, now);
  await deps.checkpoint?.('share:status-allocated');
  const expiresAt = Math.min(now + choice.days * dayMs, item.valid_until ?? Number.MAX_SAFE_INTEGER);
  const portal = ctx.config.portals.find((p) => p.clientId === flow.client_id);
  const attestation = await attestSharing(ctx, {
    item, consentId, status, expiresAt, now, procedure: request.procedure, purpose: request.purpose,
    recipient: { client_id: flow.client_id, name: pickText(portal?.name, 'en', flow.client_id) },
  });
  await insertConsent(trx, {
    id: consentId, citizen_key: flow.citizen_key, evidence_id: item.id, client_id: flow.client_id, evidence_type: item.evidence_type,
    procedure: request.procedure, purpose: request.purpose, legal_basis: sharingLegalBasis,
    explicit_request_at: link.source === 'fetched' ? item.requested_at : now, given_at: now, expires_at: expiresAt,
    flow_id: flow.id, interaction_uid: flow.interaction_uid, status_list_id: status.listId, status_idx: status.idx, attestation,
  });
  const keep = choice.keep && link.source === 'fetched';
  await storeItem(trx, item.id, keep, now);
  const base = { evidenceType: item.evidence_type, evidenceId: item.id, procedure: request.procedure, purpose: request.purpose, outcome: 'ok' as const };
  await appendToTracker(trx, flow.citizen_key, now, { ...base, event: 'shared', actorType: 'portal', actorId: flow.client_id, consentId });
  if (keep) await appendToTracker(trx, flow.citizen_key, now, { ...base, event: 'kept', actorType: 'citizen' });
  await deps.checkpoint?.('share:consent-recorded');
  return consentId;
}
