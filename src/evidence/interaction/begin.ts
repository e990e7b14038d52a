import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { isKnownEvidenceType } from '../catalogue/index.js';
import type { EvidenceBeginInput, EvidenceInteractionPort, EvidenceRequestDetail, RepresentationRequestDetail } from '../ports.js';
import { pickText } from '../web/format.js';
import { flowPath, setFlowCookie } from './flow-access.js';
import { createFlow, type FlowRequest } from './flow-store.js';

const maxRequests = 10;
const maxPurposeLength = 300;

function cleanText(value: string): string {
  return [...value].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('').trim().slice(0, maxPurposeLength);
}

/**
 * Resolves what the portal asked for against what its configuration allows. The OpenID
 * Provider already refused unknown or unallowed types; this is the second line, since the
 * flow must never show or fetch something the portal may not have.
 */
export function resolveRequests(ctx: AppContext, clientId: string, details: readonly EvidenceRequestDetail[], representations: readonly RepresentationRequestDetail[] = []): FlowRequest[] {
  const portal = ctx.config.portals.find((p) => p.clientId === clientId);
  if (!portal) throw new PasserelleError('evidence_not_allowed', 'unknown portal');
  const count = details.length + representations.length;
  if (count === 0 || count > maxRequests || representations.length > 1) throw new PasserelleError('bad_request', 'no or too many evidence requests');
  const mandates = representations.map((detail): FlowRequest => {
    const allowed = portal.representation.find((r) => r.procedure === detail.procedure);
    if (detail.type !== 'representation' || !allowed) throw new PasserelleError('evidence_not_allowed', `${clientId} may not ask for representation in ${detail.procedure}`);
    const asked = typeof detail.purpose === 'string' ? cleanText(detail.purpose) : '';
    const purpose = asked || pickText(allowed.purpose, 'en', detail.procedure);
    return { detail, evidenceType: 'family-composition', procedure: detail.procedure, purpose, representation: true };
  });
  return [...details.map((detail) => {
    if (detail.type !== 'evidence' || !isKnownEvidenceType(detail.evidence_type)) throw new PasserelleError('evidence_type_unknown');
    const allowed = portal.evidence.find((e) => e.type === detail.evidence_type && e.procedure === detail.procedure);
    if (!allowed) throw new PasserelleError('evidence_not_allowed', `${clientId} may not ask for ${detail.evidence_type} in ${detail.procedure}`);
    const asked = typeof detail.purpose === 'string' ? cleanText(detail.purpose) : '';
    const purpose = asked || pickText(allowed.purpose, 'en', detail.procedure);
    return { detail, evidenceType: detail.evidence_type, procedure: detail.procedure, purpose };
  }), ...mandates];
}

/** The hook the OpenID Provider calls after identity consent: open a flow, send the browser to it. */
export function evidenceInteraction(ctx: AppContext): EvidenceInteractionPort {
  return {
    async begin(_req: Request, res: Response, input: EvidenceBeginInput): Promise<void> {
      const requests = resolveRequests(ctx, input.clientId, input.details, input.representations ?? []);
      const { flow, bindingSecret } = await createFlow(ctx, {
        interactionUid: input.interactionUid, clientId: input.clientId, citizenKey: input.citizenKey,
        citizen: input.citizen, lang: input.lang, requests,
      });
      setFlowCookie(ctx, res, flow.id, bindingSecret);
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(303, flowPath(flow.id));
    },
  };
}
