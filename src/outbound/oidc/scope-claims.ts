import { attributeTable } from '../../core/attributes.js';
import { legalPersonAttributeTable } from '../../core/legal-person-attributes.js';

/**
 * Which claims each scope releases, built from the one attribute table. oidc-provider's
 * `claims` setting replaces its defaults, so the authentication claims (`acr`, `amr`,
 * `auth_time`) are listed under `openid` or they would vanish from the ID token.
 * `eidas_country` names the country whose eID was used: like `acr` it describes the
 * login, so every portal receives it.
 */
export const authenticationClaims = ['acr', 'amr', 'auth_time', 'eidas_country'] as const;

export const releasableScopes = ['profile', 'email', 'address', 'phone', 'eidas', 'legal_person'] as const;

/** The scope by which a portal asks for a login on behalf of an organisation (docs/integration-portal.md). */
export const legalPersonScope = 'legal_person';
export type ReleasableScope = (typeof releasableScopes)[number];

export function scopeClaims(): Record<'openid' | ReleasableScope, string[]> {
  const scopes: Record<'openid' | ReleasableScope, string[]> = {
    openid: ['sub', ...authenticationClaims], profile: [], email: [], address: [], phone: [], eidas: [], legal_person: [],
  };
  for (const attribute of [...attributeTable, ...legalPersonAttributeTable]) scopes[attribute.scope].push(attribute.claim);
  return scopes;
}

/** Attribute claims (not `sub` or the authentication claims) that `scopes` ask for. */
export function claimsOfScopes(scopes: Iterable<string>): Set<string> {
  const table = scopeClaims() as Record<string, string[]>;
  const claims = new Set<string>();
  for (const scope of scopes) {
    if (scope === 'openid' || !Object.hasOwn(table, scope)) continue;
    for (const claim of table[scope]!) claims.add(claim);
  }
  return claims;
}
