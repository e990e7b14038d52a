import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { fromJson, toJson } from '../../storage/values.js';
import type { Language } from '../../web/i18n.js';
import { mandateSourceTypes } from '../mandate/who-qualifies.js';
import type { EvidenceRequestDetail, RepresentationRequestDetail } from '../ports.js';
import { newDataKey, openPart, sealPart, sha256Digest, unwrapDataKey } from '../vault/envelope.js';

/**
 * The evidence step of one login, kept in the database so any instance can serve any of
 * its pages. The citizen (needed to ask the authority) is sealed like vault content. The
 * flow is bound to the browser that started it by a random secret in a path-scoped cookie;
 * the CSRF token of its forms is derived from that secret.
 */
export const flowTtlMs = 30 * 60_000;

export interface FlowRequest {
  detail: EvidenceRequestDetail | RepresentationRequestDetail;
  /** The document to fetch or reuse (for a representation: the one that shows the relationship). */
  evidenceType: string;
  procedure: string;
  purpose: string;
  /** A mandate for a child is asked, not the document: the document stays with Passerelle. */
  representation?: true;
}

/** The document types a request accepts from the vault. */
export function acceptedTypes(request: FlowRequest): readonly string[] {
  return request.representation ? mandateSourceTypes : [request.evidenceType];
}

export interface FlowRow {
  id: string;
  interaction_uid: string;
  client_id: string;
  citizen_key: string;
  lang: Language;
  requests: FlowRequest[];
  wrap_kid: string;
  wrapped_key: string | null;
  citizen_enc: string | null;
  binding_hash: string;
  csrf_hash: string;
  state: 'open' | 'shared' | 'declined';
  created_at: number;
  expires_at: number;
  finished_at: number | null;
}

export interface FlowItemRow { flow_id: string; idx: number; evidence_id: string | null; source: 'fetched' | 'reused' | null; last_error: string | null }

export function csrfTokenFor(flowId: string, bindingSecret: string): string {
  return createHmac('sha256', bindingSecret).update(`csrf:${flowId}`).digest('base64url');
}

export async function createFlow(ctx: AppContext, input: {
  interactionUid: string; clientId: string; citizenKey: string; citizen: AuthenticatedCitizen; lang: Language; requests: FlowRequest[];
}): Promise<{ flow: FlowRow; bindingSecret: string }> {
  const id = randomUUID();
  const bindingSecret = randomBytes(32).toString('base64url');
  const { key, wrapped } = newDataKey(ctx.keystore);
  const now = ctx.clock.now();
  const row = {
    id, interaction_uid: input.interactionUid, client_id: input.clientId, citizen_key: input.citizenKey, lang: input.lang,
    requests: toJson(input.requests), wrap_kid: wrapped.wrapKid, wrapped_key: wrapped.wrappedKey,
    citizen_enc: sealPart(key, id, 'citizen', Buffer.from(JSON.stringify(input.citizen), 'utf8')),
    binding_hash: sha256Digest(bindingSecret), csrf_hash: sha256Digest(csrfTokenFor(id, bindingSecret)),
    state: 'open', created_at: now, expires_at: now + flowTtlMs, finished_at: null,
  };
  key.fill(0);
  await ctx.db.knex.transaction(async (trx) => {
    await trx('evidence_flows').insert(row);
    await trx('evidence_flow_items').insert(input.requests.map((_r, idx) => ({ flow_id: id, idx, evidence_id: null, source: null, last_error: null })));
  });
  return { flow: normalise(row as unknown as FlowRow), bindingSecret };
}

function normalise(row: FlowRow): FlowRow {
  return {
    ...row, requests: fromJson<FlowRequest[]>(row.requests), created_at: Number(row.created_at), expires_at: Number(row.expires_at),
    finished_at: row.finished_at === null ? null : Number(row.finished_at),
  };
}

export async function findFlow(db: Knex | Knex.Transaction, id: string): Promise<FlowRow | undefined> {
  const row = await db('evidence_flows').where({ id }).first() as FlowRow | undefined;
  return row ? normalise(row) : undefined;
}

export async function flowItems(db: Knex | Knex.Transaction, flowId: string): Promise<FlowItemRow[]> {
  const rows = await db('evidence_flow_items').where({ flow_id: flowId }).orderBy('idx', 'asc') as FlowItemRow[];
  return rows.map((row) => ({ ...row, idx: Number(row.idx) }));
}

export function flowCitizen(ctx: AppContext, flow: FlowRow): AuthenticatedCitizen {
  const key = unwrapDataKey(ctx.keystore, { wrapAlg: 'A256KW', wrapKid: flow.wrap_kid, wrappedKey: flow.wrapped_key });
  try {
    return JSON.parse(openPart(key, flow.id, 'citizen', flow.citizen_enc).toString('utf8')) as AuthenticatedCitizen;
  } finally {
    key.fill(0);
  }
}

/**
 * Closes an open flow exactly once (one UPDATE ... WHERE state = 'open'), and destroys the
 * sealed citizen: after the decision Passerelle no longer needs it.
 */
export async function finishFlow(trx: Knex.Transaction, flowId: string, state: 'shared' | 'declined', now: number): Promise<boolean> {
  const changed = await trx('evidence_flows').where({ id: flowId, state: 'open' })
    .update({ state, finished_at: now, wrapped_key: null, citizen_enc: null });
  return Number(changed) === 1;
}

/** Links an evidence item to a requested entry once; a second, concurrent link loses. */
export async function linkItem(trx: Knex.Transaction, flowId: string, idx: number, evidenceId: string, source: 'fetched' | 'reused'): Promise<boolean> {
  const changed = await trx('evidence_flow_items').where({ flow_id: flowId, idx }).whereNull('evidence_id')
    .update({ evidence_id: evidenceId, source, last_error: null });
  return Number(changed) === 1;
}

export async function recordItemError(db: Knex | Knex.Transaction, flowId: string, idx: number, code: string): Promise<void> {
  await db('evidence_flow_items').where({ flow_id: flowId, idx }).whereNull('evidence_id').update({ last_error: code });
}
