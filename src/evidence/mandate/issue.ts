import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { issuerId, statusListUri } from '../issuer.js';
import { allocateStatusEntry } from '../status/lists.js';
import { appendToTracker } from '../tracker/log.js';
import type { ItemRow } from '../vault/items.js';
import { pickText } from '../web/format.js';
import { mandateMaxDays, mandateVct, signMandateAttestation } from './attestation.js';
import { insertMandate, sealAttestation } from './records.js';
import type { ChildChoice, Qualification } from './who-qualifies.js';

const dayMs = 86_400_000;
const seconds = (ms: number) => Math.floor(ms / 1000);

export interface MandateTerms {
  citizenKey: string;
  clientId: string;
  procedure: string;
  purpose: string;
  flowId: string | null;
  interactionUid: string | null;
}

/** The end of a mandate given now: 30 days, or earlier when the document's validity or the child's minority ends first. */
export function mandateExpiry(now: number, item: Pick<ItemRow, 'valid_until'>, child: ChildChoice): number {
  const adult = new Date(`${child.adultOn}T00:00:00Z`).getTime();
  return Math.min(now + mandateMaxDays * dayMs, item.valid_until ?? Number.MAX_SAFE_INTEGER, adult);
}

/** The child the citizen chose among those the document lets her act for; anything else is refused. */
export function chosenChild(qualification: Qualification, posted: string | undefined): ChildChoice {
  if (qualification.outcome !== 'qualifies') throw new PasserelleError(qualification.code);
  const child = qualification.children.find((c) => c.key === posted);
  if (!child) throw new PasserelleError('bad_request', 'no child among the offered ones was chosen');
  return child;
}

/**
 * Issues one mandate inside the caller's transaction: status entry, signed attestation
 * (sealed), the record, and the tracker row. The caller has already derived and checked the
 * relationship from the document.
 */
export async function issueMandate(ctx: AppContext, trx: Knex.Transaction, input: {
  terms: MandateTerms; item: ItemRow; qualification: Qualification & { outcome: 'qualifies' }; child: ChildChoice; now: number;
  checkpoint?: (stage: string) => void | Promise<void>;
}): Promise<string> {
  const { terms, item, qualification, child, now } = input;
  const id = randomUUID();
  const status = await allocateStatusEntry(trx, id, now);
  await input.checkpoint?.('mandate:status-allocated');
  const expiresAt = mandateExpiry(now, item, child);
  const portal = ctx.config.portals.find((p) => p.clientId === terms.clientId);
  const authority = ctx.config.issuingAuthorities.find((a) => a.id === item.authority_id);
  const attestation = await signMandateAttestation(ctx, {
    iss: issuerId(ctx), iat: seconds(now), nbf: seconds(now), exp: seconds(expiresAt), vct: mandateVct,
    status: { status_list: { idx: status.idx, uri: statusListUri(ctx, status.listId) } },
    mandate_id: id, representative: qualification.representative, represented: child.person, relationship: qualification.relationship,
    procedure: terms.procedure, purpose: terms.purpose,
    recipient: { client_id: terms.clientId, name: pickText(portal?.name, 'en', terms.clientId) },
    basis: {
      evidence_type: item.evidence_type, document_digest: { alg: 'sha-256', value: item.document_digest },
      authority: { id: item.authority_id, issuer: item.issuer, country: authority?.country ?? '' },
    },
  });
  await insertMandate(trx, {
    id, citizen_key: terms.citizenKey, evidence_id: item.id, evidence_type: item.evidence_type, client_id: terms.clientId,
    procedure: terms.procedure, purpose: terms.purpose, relationship: qualification.relationship, given_at: now, expires_at: expiresAt,
    flow_id: terms.flowId, interaction_uid: terms.interactionUid, status_list_id: status.listId, status_idx: status.idx,
    ...sealAttestation(ctx, id, attestation),
  });
  await appendToTracker(trx, terms.citizenKey, now, {
    event: 'mandate_issued', actorType: 'citizen', actorId: terms.clientId, evidenceType: item.evidence_type, evidenceId: item.id,
    consentId: id, procedure: terms.procedure, purpose: terms.purpose, outcome: 'ok', detail: qualification.relationship,
  });
  await input.checkpoint?.('mandate:recorded');
  return id;
}
