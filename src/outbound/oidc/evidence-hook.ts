import { errors, type Client, type KoaContextWithOIDC } from 'oidc-provider';
import type { EvidenceRequestDetail } from '../../evidence/ports.js';
import type { PortalRegistry } from './portals.js';
import { representationDetailsOf } from './representation-hook.js';

/*
 * Rich Authorization Requests of type `evidence` (RFC 9396): a portal asks for a document
 * in its authorization request. After identity consent the OP hands the browser to the
 * evidence feature through `EvidenceInteractionPort.begin`; that feature calls
 * `completeEvidenceStep` (see evidence-step.ts) with the citizen's decision. The seam's types
 * are defined once, in src/evidence/ports.ts.
 */

/** An evidence detail the citizen agreed to share, as it travels in the access token. */
export type ConsentedEvidenceDetail = EvidenceRequestDetail & { consent_id: string };

const allowedKeys = new Set(['type', 'evidence_type', 'procedure', 'purpose']);
const token = /^[A-Za-z0-9._-]{1,100}$/;

/** Shape check shared by the RAR validator and the step completion. */
export function isEvidenceDetail(value: unknown): value is EvidenceRequestDetail {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const detail = value as Record<string, unknown>;
  if (Object.keys(detail).some((key) => !allowedKeys.has(key))) return false;
  if (detail.type !== 'evidence') return false;
  if (typeof detail.evidence_type !== 'string' || !token.test(detail.evidence_type)) return false;
  if (typeof detail.procedure !== 'string' || !token.test(detail.procedure)) return false;
  return detail.purpose === undefined || (typeof detail.purpose === 'string' && detail.purpose.length > 0 && detail.purpose.length <= 500);
}

export function sameEvidence(a: EvidenceRequestDetail, b: EvidenceRequestDetail): boolean {
  return a.evidence_type === b.evidence_type && a.procedure === b.procedure && a.purpose === b.purpose;
}

/** The evidence details of an authorization request's (already validated) parameters. */
export function evidenceDetailsOf(params: Record<string, unknown>): EvidenceRequestDetail[] {
  if (typeof params.authorization_details !== 'string') return [];
  try {
    const parsed = JSON.parse(params.authorization_details) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isEvidenceDetail) : [];
  } catch {
    return [];
  }
}

/**
 * The RAR `validate` callback: the shape above, the portal's registration (evidence type
 * and procedure both listed in `config.portals[].evidence`), and a wired evidence feature.
 * Anything else is `invalid_authorization_details`, returned to the portal with state and iss.
 */
export function evidenceDetailValidator(portals: PortalRegistry, hookWired: () => boolean) {
  return (_ctx: KoaContextWithOIDC, detail: unknown, client: Client): void => {
    if (!hookWired()) throw new errors.InvalidAuthorizationDetails('evidence requests are not available on this server');
    if (!isEvidenceDetail(detail)) {
      throw new errors.InvalidAuthorizationDetails('an evidence detail has exactly type, evidence_type, procedure and optionally purpose');
    }
    const registered = portals.get(client.clientId)?.evidence ?? [];
    if (!registered.some((e) => e.type === detail.evidence_type && e.procedure === detail.procedure)) {
      throw new errors.InvalidAuthorizationDetails('this evidence type and procedure are not registered for this client');
    }
  };
}

/** Whether the request needs the evidence step: it asks for evidence, for a mandate (representation), or both. */
export function hasEvidenceStep(params: Record<string, unknown>): boolean {
  return evidenceDetailsOf(params).length > 0 || representationDetailsOf(params).length > 0;
}
