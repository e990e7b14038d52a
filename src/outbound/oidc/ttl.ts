import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../../config/schema.js';

/** Interactions outlive the SAML request (10 min by default) so a slow IdP login still resumes. */
export const interactionTtlSeconds = 30 * 60;

/**
 * Every lifetime oidc-provider knows, set explicitly from `config.oidc` (its defaults are
 * days long and it warns about them). Refresh tokens never outlive the login session they
 * started in: a rotated one keeps its predecessor's remaining lifetime.
 */
export function providerTtl(config: Config['oidc']): NonNullable<Configuration['ttl']> {
  return {
    AccessToken: config.accessTokenTtlSeconds,
    AuthorizationCode: config.codeTtlSeconds,
    IdToken: config.idTokenTtlSeconds,
    // Absolute, not sliding: a session ends sessionTtlSeconds after its login, before the
    // citizen's stored attributes do (citizen-store.ts).
    Session: (_ctx: KoaContextWithOIDC, session: { loginTs?: number | undefined }) => {
      if (!session?.loginTs) return config.sessionTtlSeconds;
      return Math.max(1, session.loginTs + config.sessionTtlSeconds - Math.floor(Date.now() / 1000));
    },
    Grant: config.sessionTtlSeconds,
    Interaction: interactionTtlSeconds,
    RefreshToken: (ctx: KoaContextWithOIDC) => {
      const rotated = ctx?.oidc?.entities.RotatedRefreshToken;
      return rotated ? Math.max(1, rotated.remainingTTL) : config.sessionTtlSeconds;
    },
    // Not offered (no client credentials, device or CIBA grants), bounded anyway.
    ClientCredentials: config.accessTokenTtlSeconds,
    DeviceCode: 600,
    BackchannelAuthenticationRequest: 600,
  };
}
