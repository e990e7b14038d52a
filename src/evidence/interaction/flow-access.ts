import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { assertSameOrigin, cookieName as policyCookieName, cookieOptions, formField, readCookie, sameSecret } from '../../web/csrf.js';
import { isLanguage, languageChosen, pageLanguage, type Language } from '../../web/i18n.js';
import { sha256Digest } from '../vault/envelope.js';
import { csrfTokenFor, findFlow, flowItems, flowTtlMs, type FlowItemRow, type FlowRow } from './flow-store.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function flowPath(flowId: string): string {
  return `/evidence/flow/${flowId}`;
}

function cookieName(ctx: AppContext, flowId: string): string {
  return policyCookieName(ctx.config, `pev_${flowId.replace(/-/g, '')}`, flowPath(flowId));
}

/** The flow's binding cookie: only this browser, only this flow's pages, never cross-site POSTs. */
export function setFlowCookie(ctx: AppContext, res: Response, flowId: string, secret: string): void {
  res.cookie(cookieName(ctx, flowId), secret, { ...cookieOptions(ctx.config, flowPath(flowId)), maxAge: flowTtlMs });
}

export function clearFlowCookie(ctx: AppContext, res: Response, flowId: string): void {
  res.clearCookie(cookieName(ctx, flowId), cookieOptions(ctx.config, flowPath(flowId)));
}

export interface BoundFlow { flow: FlowRow; items: FlowItemRow[]; secret: string; csrfToken: string }

/**
 * The flow behind `:flowId`, if this browser holds its binding secret and it has not
 * expired. Every other case looks the same from outside: evidence_flow_unknown.
 */
export async function loadBoundFlow(ctx: AppContext, req: Request): Promise<BoundFlow> {
  const flowId = String(req.params.flowId ?? '');
  if (!uuidPattern.test(flowId)) throw new PasserelleError('evidence_flow_unknown');
  const secret = readCookie(req, cookieName(ctx, flowId));
  const flow = await findFlow(ctx.db.knex, flowId);
  if (!flow || !secret || !sameSecret(sha256Digest(secret), flow.binding_hash)) throw new PasserelleError('evidence_flow_unknown', 'no flow bound to this browser');
  if (flow.expires_at <= ctx.clock.now()) throw new PasserelleError('evidence_flow_unknown', 'flow expired');
  return { flow, items: await flowItems(ctx.db.knex, flowId), secret, csrfToken: csrfTokenFor(flowId, secret) };
}

/** For POSTs: same origin, a token derived from this flow's secret, and a flow still open. */
export async function loadFlowForChange(ctx: AppContext, req: Request): Promise<BoundFlow> {
  assertSameOrigin(req, { publicOrigin: new URL(ctx.config.publicUrl).origin, acceptRequestHost: true });
  const bound = await loadBoundFlow(ctx, req);
  const posted = formField(req, 'csrf');
  if (!sameSecret(posted, bound.csrfToken) || !sameSecret(sha256Digest(posted ?? ''), bound.flow.csrf_hash)) {
    throw new PasserelleError('csrf_failed', 'csrf token does not belong to this flow');
  }
  if (bound.flow.state !== 'open') throw new PasserelleError('evidence_flow_finished');
  return bound;
}

/** An explicit language choice wins; otherwise the language the login was in. */
export function flowLanguage(req: Request, res: Response, flow: FlowRow): Language {
  if (languageChosen(req)) return pageLanguage(req, res);
  return isLanguage(flow.lang) ? flow.lang : pageLanguage(req, res);
}

export function itemIndex(req: Request, bound: BoundFlow): number {
  const raw = String(req.params.idx ?? '');
  const idx = /^\d{1,2}$/.test(raw) ? Number(raw) : -1;
  if (idx < 0 || idx >= bound.flow.requests.length) throw new PasserelleError('not_found');
  return idx;
}
