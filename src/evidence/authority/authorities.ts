import type { IssuingAuthorityConfig } from '../../config/schema.js';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { issuerMetadataPath } from './protocol.js';

/** The configured authority with this id, or evidence_unavailable (a portal never picks it directly). */
export function authorityById(ctx: AppContext, authorityId: string): IssuingAuthorityConfig {
  const found = ctx.config.issuingAuthorities.find((a) => a.id === authorityId);
  if (!found) throw new PasserelleError('evidence_unavailable', `no issuing authority ${authorityId} is configured`);
  return found;
}

/**
 * The authority of `country` that issues `evidenceType`, or undefined. The citizen's home country
 * is the first code of the eIDAS identifier; the first configured match wins.
 */
export function authorityFor(ctx: AppContext, country: string, evidenceType: string): IssuingAuthorityConfig | undefined {
  return ctx.config.issuingAuthorities.find((a) => a.country === country && a.evidenceTypes.includes(evidenceType));
}

/** The credential `iss` an authority signs with: its configured URL, without a trailing slash. */
export function issuerOf(authority: IssuingAuthorityConfig): string {
  return authority.url.replace(/\/+$/, '');
}

export function issuerMetadataUrlOf(authority: IssuingAuthorityConfig): string {
  return authority.issuerMetadataUrl ?? issuerOf(authority) + issuerMetadataPath;
}

/** Configured authorities are the trust anchors: an `iss` is trusted only if one of them has it. */
export function authorityByIssuer(ctx: AppContext, issuer: string): IssuingAuthorityConfig | undefined {
  return ctx.config.issuingAuthorities.find((a) => issuerOf(a) === issuer);
}

/** Plain HTTP only where the configuration says so (demo and tests on loopback). */
export function assertTransportAllowed(authority: IssuingAuthorityConfig, url: string): void {
  const protocol = new URL(url).protocol;
  if (protocol === 'https:') return;
  if (protocol === 'http:' && authority.allowInsecureUrl) return;
  throw new PasserelleError('evidence_unavailable', `authority ${authority.id} is not reachable over HTTPS and allowInsecureUrl is not set`);
}
