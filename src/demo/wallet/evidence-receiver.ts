import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * The demo wallet's side of OpenID4VCI 1.0: it reads an offer, takes a token through the
 * pre-authorized code (with the tx_code the citizen types) or the authorization code with PKCE,
 * and receives every offered credential configuration as a batch of 5, one fresh key each.
 * A foreign system: it speaks the protocol only, never imports Passerelle's issuer.
 */
export interface CredentialOfferObject {
  credential_issuer: string;
  credential_configuration_ids: string[];
  grants: {
    authorization_code?: { issuer_state: string };
    'urn:ietf:params:oauth:grant-type:pre-authorized_code'?: { 'pre-authorized_code': string; tx_code?: { length?: number } };
  };
}

export interface ReceivedBatch { configurationId: string; format: string; credentials: string[]; keys: JWK[] }

const batch = 5;

export function parseOffer(raw: string): CredentialOfferObject {
  const offer = JSON.parse(raw) as CredentialOfferObject;
  if (typeof offer.credential_issuer !== 'string' || !Array.isArray(offer.credential_configuration_ids)) throw new Error('not a credential offer');
  return offer;
}

async function json(response: Response): Promise<Record<string, unknown>> {
  const body = await response.json().catch(() => ({})) as Record<string, unknown>;
  if (!response.ok) throw new Error(String(body.error_description ?? body.error ?? `HTTP ${response.status}`));
  return body;
}

export async function preAuthorizedToken(offer: CredentialOfferObject, txCode: string): Promise<string> {
  const grant = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'];
  if (!grant) throw new Error('the offer has no pre-authorized code');
  const body = await json(await fetch(`${offer.credential_issuer}/oid4vci/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': grant['pre-authorized_code'], tx_code: txCode }),
  }));
  return String(body.access_token);
}

export function authorizationRequest(offer: CredentialOfferObject, clientId: string, redirectUri: string): { url: string; verifier: string; state: string } {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const query = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state, code_challenge_method: 'S256',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), issuer_state: offer.grants.authorization_code?.issuer_state ?? '',
  });
  return { url: `${offer.credential_issuer}/oid4vci/authorize?${query.toString()}`, verifier, state };
}

export async function authorizationCodeToken(offer: CredentialOfferObject, input: { code: string; verifier: string; clientId: string; redirectUri: string }): Promise<string> {
  const body = await json(await fetch(`${offer.credential_issuer}/oid4vci/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: input.code, code_verifier: input.verifier, client_id: input.clientId, redirect_uri: input.redirectUri }),
  }));
  return String(body.access_token);
}

/** Every offered configuration, each as a batch of credentials bound to fresh keys. */
export async function receiveAll(offer: CredentialOfferObject, token: string): Promise<ReceivedBatch[]> {
  const metadata = await json(await fetch(`${offer.credential_issuer}/.well-known/openid-credential-issuer`));
  const configurations = metadata.credential_configurations_supported as Record<string, { format: string }>;
  const received: ReceivedBatch[] = [];
  for (const configurationId of offer.credential_configuration_ids) {
    const nonce = String((await json(await fetch(String(metadata.nonce_endpoint), { method: 'POST' }))).c_nonce);
    const keys = await Promise.all(Array.from({ length: batch }, () => generateKeyPair('ES256', { extractable: true })));
    const proofs = await Promise.all(keys.map(async (key) => new SignJWT({ aud: offer.credential_issuer, nonce, iat: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: await exportJWK(key.publicKey) }).sign(key.privateKey)));
    const body = await json(await fetch(String(metadata.credential_endpoint), {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ credential_configuration_id: configurationId, proofs: { jwt: proofs } }),
    }));
    received.push({
      configurationId, format: configurations[configurationId]?.format ?? '?',
      credentials: (body.credentials as Array<{ credential: string }>).map((c) => c.credential),
      keys: await Promise.all(keys.map((key) => exportJWK(key.privateKey))),
    });
  }
  return received;
}
