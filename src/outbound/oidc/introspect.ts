import type Provider from 'oidc-provider';

/** What the evidence API learns from a portal's bearer token. */
export interface AccessTokenInfo {
  clientId: string;
  /** Pseudonymous citizen key (the account id). */
  citizenKey: string;
  authorizationDetails: ReadonlyArray<{ type: string; consent_id?: string; [key: string]: unknown }>;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * Looks an access token up the way the userinfo endpoint does: it must exist (revoked
 * tokens are deleted), be unexpired, still be bound to a live session when it expires
 * with it (oidc-provider checks that in find), and its grant must still exist.
 */
export function accessTokenIntrospector(provider: () => Provider) {
  return async (token: string): Promise<AccessTokenInfo | undefined> => {
    if (typeof token !== 'string' || token.length < 16 || token.length > 512 || !/^[A-Za-z0-9._~-]+$/.test(token)) return undefined;
    const op = provider();
    const accessToken = await op.AccessToken.find(token);
    if (!accessToken || accessToken.isExpired || !accessToken.accountId || !accessToken.clientId || !accessToken.exp) return undefined;
    if (accessToken.grantId && !(await op.Grant.find(accessToken.grantId))) return undefined;
    return {
      clientId: accessToken.clientId,
      citizenKey: accessToken.accountId,
      authorizationDetails: (accessToken.rar ?? []) as AccessTokenInfo['authorizationDetails'],
      expiresAt: accessToken.exp * 1000,
    };
  };
}
