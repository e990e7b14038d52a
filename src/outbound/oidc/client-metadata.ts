import type { ClientMetadata } from 'oidc-provider';
import type { Config, PortalConfig } from '../../config/schema.js';
import { selfClientId } from './portals.js';

/** How a portal authenticates at the token endpoint when its configuration does not say. */
function authMethod(portal: PortalConfig): NonNullable<PortalConfig['tokenEndpointAuthMethod']> {
  if (portal.tokenEndpointAuthMethod) return portal.tokenEndpointAuthMethod;
  if (portal.public) return 'none';
  return portal.clientSecret ? 'client_secret_basic' : 'private_key_jwt';
}

/** oidc-provider client metadata for a configured portal. Code flow only, exact redirect URIs. */
export function portalClientMetadata(portal: PortalConfig): ClientMetadata {
  return {
    client_id: portal.clientId,
    client_name: portal.name.en ?? Object.values(portal.name)[0],
    ...(portal.clientSecret ? { client_secret: portal.clientSecret } : {}),
    ...(portal.jwks ? { jwks: portal.jwks as ClientMetadata['jwks'] } : {}),
    ...(portal.jwksUri ? { jwks_uri: portal.jwksUri } : {}),
    token_endpoint_auth_method: authMethod(portal),
    redirect_uris: [...portal.redirectUris],
    post_logout_redirect_uris: [...portal.postLogoutRedirectUris],
    ...(portal.backchannelLogoutUri
      ? { backchannel_logout_uri: portal.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
    response_types: ['code'],
    grant_types: portal.refreshTokens ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
    subject_type: portal.subjectType,
    id_token_signed_response_alg: portal.idTokenSignedResponseAlg,
    authorization_details_types: [...(portal.evidence.length > 0 ? ['evidence'] : []), ...(portal.representation.length > 0 ? ['representation'] : [])],
  };
}

/** The built-in client behind the citizen's own dashboard (see self-login.ts). */
export function selfClientMetadata(config: Config): ClientMetadata {
  return {
    client_id: selfClientId,
    client_name: 'Passerelle',
    token_endpoint_auth_method: 'none',
    redirect_uris: [selfLoginCallbackUrl(config)],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    subject_type: 'public',
    authorization_details_types: [],
  };
}

export const selfLoginCallbackPath = '/self-login/callback';

export function selfLoginCallbackUrl(config: Config): string {
  return config.publicUrl + selfLoginCallbackPath;
}
