import { SignJWT, type JWK } from 'jose';
import type { AccessCertificate } from './access-certificate.js';

export const requestObjectType = 'oauth-authz-req+jwt';

/** Where the answer goes: posted to our response URI, or returned through the browser's Digital Credentials API. */
export type ResponseDelivery =
  | { mode: 'direct_post.jwt'; responseUri: string; state: string; walletNonce?: string }
  | { mode: 'dc_api.jwt'; expectedOrigins: string[] };

export interface RequestObjectInput {
  delivery: ResponseDelivery;
  nonce: string;
  dcqlQuery: Record<string, unknown>;
  /** Public half of this transaction's ephemeral P-256 key, with its kid. */
  encryptionJwk: JWK;
  /** The requesting portal's registration certificate (a signed JWT). */
  registrationCertificate: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * The signed request object (JAR, RFC 9101) a wallet fetches by reference, under HAIP:
 * ES256 with our access certificate chain in `x5c`, client id `x509_hash:` of its leaf,
 * `direct_post.jwt` to our response URI, encrypted to this transaction's ephemeral key
 * (ECDH-ES with A128GCM or A256GCM), the DCQL query, and in `verifier_info` the registration
 * certificate of the portal we ask for: the wallet shows that portal, not us (ARF RPI_06/07).
 * Over the Digital Credentials API (OpenID4VP 1.0 Appendix A.3.2) the same object, signed, has
 * `response_mode` `dc_api.jwt`, names the origins it may be used from (`expected_origins`, so a
 * wallet refuses it from a page elsewhere), and has no response URI or state: the browser returns
 * the answer to the page. A `wallet_nonce` (request_uri_method=post) is echoed.
 */
export async function signRequestObject(access: AccessCertificate, input: RequestObjectInput): Promise<string> {
  return new SignJWT({
    response_type: 'vp_token',
    client_id: access.clientId,
    response_mode: input.delivery.mode,
    ...(input.delivery.mode === 'direct_post.jwt'
      ? { response_uri: input.delivery.responseUri, state: input.delivery.state, ...(input.delivery.walletNonce ? { wallet_nonce: input.delivery.walletNonce } : {}) }
      : { expected_origins: input.delivery.expectedOrigins }),
    nonce: input.nonce,
    dcql_query: input.dcqlQuery,
    client_metadata: {
      jwks: { keys: [{ ...input.encryptionJwk, use: 'enc', alg: 'ECDH-ES' }] },
      encrypted_response_enc_values_supported: ['A128GCM', 'A256GCM'],
      vp_formats_supported: {
        'dc+sd-jwt': { 'sd-jwt_alg_values': ['ES256', 'ES384', 'ES512'], 'kb-jwt_alg_values': ['ES256'] },
        mso_mdoc: { issuerauth_alg_values: [-7, -35, -36], deviceauth_alg_values: [-7] },
      },
    },
    verifier_info: [{ format: 'registration_cert', data: input.registrationCertificate }],
  })
    .setProtectedHeader({ alg: 'ES256', typ: requestObjectType, x5c: access.chain })
    .setAudience('https://self-issued.me/v2')
    .setIssuedAt(Math.floor(input.issuedAt / 1000))
    .setExpirationTime(Math.floor(input.expiresAt / 1000))
    .sign(access.privateKey);
}
