import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import type { AccessTokenInfo, OidcPort } from '../ports.js';

export interface PortalGrant {
  clientId: string;
  citizenKey: string;
  /** The consents this token's authorization carries. */
  consentIds: Set<string>;
  /** The mandates (representation details) this token's authorization carries. */
  mandateIds: Set<string>;
}

const bearerPattern = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

function expiresAtMs(info: AccessTokenInfo): number {
  // Tolerate NumericDate seconds as well as milliseconds from the introspection.
  return info.expiresAt < 1e12 ? info.expiresAt * 1000 : info.expiresAt;
}

/**
 * The portal's access token from that authorization, checked by the OpenID Provider.
 * Missing, unknown or expired tokens get 401 with a Bearer challenge (RFC 6750).
 */
export async function portalGrant(ctx: AppContext, oidc: OidcPort, req: Request, res: Response): Promise<PortalGrant> {
  const match = bearerPattern.exec(req.headers.authorization ?? '');
  const info = match ? await oidc.introspectAccessToken(match[1]!) : undefined;
  if (!info || expiresAtMs(info) <= ctx.clock.now()) {
    res.setHeader('WWW-Authenticate', match ? 'Bearer error="invalid_token"' : 'Bearer');
    throw new PasserelleError('invalid_token');
  }
  const consentIds = new Set(info.authorizationDetails
    .filter((detail) => detail.type === 'evidence' && typeof detail.consent_id === 'string')
    .map((detail) => detail.consent_id as string));
  const mandateIds = new Set(info.authorizationDetails
    .filter((detail) => detail.type === 'representation' && typeof detail.mandate_id === 'string')
    .map((detail) => detail.mandate_id as string));
  return { clientId: info.clientId, citizenKey: info.citizenKey, consentIds, mandateIds };
}
