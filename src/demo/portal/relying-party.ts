import * as client from 'openid-client';

export interface RelyingPartyOptions {
  passerelleUrl: string;
  clientId: string;
  clientSecret: string;
  tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post';
}

/**
 * The portal's OpenID Connect client, exactly as any portal would set it up: discovery of
 * `<passerelle>/oidc`, a client secret. Discovery happens at the first login (Passerelle
 * may start after the portal) and is retried after a failure.
 */
export function relyingParty(options: RelyingPartyOptions): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | undefined;
  const auth = options.tokenEndpointAuthMethod === 'client_secret_post'
    ? client.ClientSecretPost(options.clientSecret)
    : client.ClientSecretBasic(options.clientSecret);
  const insecure = options.passerelleUrl.startsWith('http://');
  return () => {
    pending ??= client.discovery(new URL(options.passerelleUrl + '/oidc'), options.clientId, undefined, auth,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((error: unknown) => {
        pending = undefined;
        throw error;
      });
    return pending;
  };
}
