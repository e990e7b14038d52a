import { errors, type Client, type KoaContextWithOIDC } from 'oidc-provider';
import type { RepresentationRequestDetail } from '../../evidence/ports.js';
import type { PortalRegistry } from './portals.js';

/*
 * Rich Authorization Requests of type `representation`: the portal asks that the citizen act
 * for a child of hers in one procedure (a family mandate, docs/integration-portal.md). It
 * runs through the same evidence step as `evidence` details; the grant then carries the
 * detail with the `mandate_id` the citizen gave.
 */

/** A representation detail the citizen agreed to, as it travels in the access token. */
export type MandatedRepresentationDetail = RepresentationRequestDetail & { mandate_id: string };

const allowedKeys = new Set(['type', 'procedure', 'purpose']);
const token = /^[A-Za-z0-9._-]{1,100}$/;

export function isRepresentationDetail(value: unknown): value is RepresentationRequestDetail {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const detail = value as Record<string, unknown>;
  if (Object.keys(detail).some((key) => !allowedKeys.has(key))) return false;
  if (detail.type !== 'representation') return false;
  if (typeof detail.procedure !== 'string' || !token.test(detail.procedure)) return false;
  return detail.purpose === undefined || (typeof detail.purpose === 'string' && detail.purpose.length > 0 && detail.purpose.length <= 500);
}

export function sameRepresentation(a: RepresentationRequestDetail, b: RepresentationRequestDetail): boolean {
  return a.procedure === b.procedure && a.purpose === b.purpose;
}

/** The representation details of an authorization request's (already validated) parameters. */
export function representationDetailsOf(params: Record<string, unknown>): RepresentationRequestDetail[] {
  if (typeof params.authorization_details !== 'string') return [];
  try {
    const parsed = JSON.parse(params.authorization_details) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isRepresentationDetail) : [];
  } catch {
    return [];
  }
}

/** The RAR `validate` callback: the shape above, the procedure listed in `config.portals[].representation`, one per request. */
export function representationDetailValidator(portals: PortalRegistry, hookWired: () => boolean) {
  return (ctx: KoaContextWithOIDC, detail: unknown, client: Client): void => {
    if (!hookWired()) throw new errors.InvalidAuthorizationDetails('representation requests are not available on this server');
    if (!isRepresentationDetail(detail)) {
      throw new errors.InvalidAuthorizationDetails('a representation detail has exactly type, procedure and optionally purpose');
    }
    const registered = portals.get(client.clientId)?.representation ?? [];
    if (!registered.some((r) => r.procedure === detail.procedure)) {
      throw new errors.InvalidAuthorizationDetails('representation in this procedure is not registered for this client');
    }
    // One child per authorization: a second mandate is a second request.
    if (representationDetailsOf(ctx.oidc.params ?? {}).length > 1) {
      throw new errors.InvalidAuthorizationDetails('at most one representation detail per request');
    }
  };
}
