import { errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../../config/schema.js';

/**
 * oidc-provider only accepts Rich Authorization Requests together with a resource
 * indicator (RFC 8707). The evidence portal API is that resource: a request carrying
 * authorization_details defaults to it. At the token endpoint a portal that sends no
 * `resource` still gets one access token that works for userinfo and, through the details
 * it carries, for the evidence API. No other resource exists.
 */
export function evidenceResource(config: Config): string {
  return config.publicUrl + '/api/evidence';
}

export function resourceIndicatorHooks(config: Config) {
  const resource = evidenceResource(config);
  return {
    defaultResource: (ctx: KoaContextWithOIDC) => (ctx.oidc.params?.authorization_details !== undefined ? resource : undefined),
    useGrantedResource: () => false,
    getResourceServerInfo: (_ctx: KoaContextWithOIDC, identifier: string) => {
      if (identifier !== resource) throw new errors.InvalidTarget();
      // No scopes of its own: what a token may do there is in its authorization details.
      return { scope: '', audience: resource, accessTokenFormat: 'opaque' as const, accessTokenTTL: config.oidc.accessTokenTtlSeconds };
    },
  };
}
