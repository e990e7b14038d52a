import type Provider from 'oidc-provider';
import type { AccessTokenInfo } from '../../evidence/ports.js';

/**
 * Looks an access token up for the evidence API: it must exist (revoked tokens are deleted),
 * be unexpired, and its grant must still exist. Stricter than userinfo, the citizen's session
 * must still be there, for this account and this grant, whether or not the token was issued
 * to outlive it (offline_access): evidence is shared within a session, and "log out
 * everywhere" or an ended session ends the portal's access to it at once.
 */
async function sessionStillHolds(op: Provider, token: { sessionUid?: string; accountId?: string; clientId?: string; grantId?: string }): Promise<boolean> {
  if (!token.sessionUid || !token.clientId) return false;
  const session = await op.Session.findByUid(token.sessionUid);
  return Boolean(session && session.accountId === token.accountId && session.grantIdFor(token.clientId) === token.grantId);
}

export function accessTokenIntrospector(provider: () => Provider) {
  return async (token: string): Promise<AccessTokenInfo | undefined> => {
    if (typeof token !== 'string' || token.length < 16 || token.length > 512 || !/^[A-Za-z0-9._~-]+$/.test(token)) return undefined;
    const op = provider();
    const accessToken = await op.AccessToken.find(token);
    if (!accessToken || accessToken.isExpired || !accessToken.accountId || !accessToken.clientId || !accessToken.exp) return undefined;
    if (!accessToken.grantId || !(await op.Grant.find(accessToken.grantId))) return undefined;
    if (!(await sessionStillHolds(op, accessToken))) return undefined;
    return {
      clientId: accessToken.clientId,
      citizenKey: accessToken.accountId,
      authorizationDetails: (accessToken.rar ?? []) as AccessTokenInfo['authorizationDetails'],
      expiresAt: accessToken.exp * 1000,
    };
  };
}
