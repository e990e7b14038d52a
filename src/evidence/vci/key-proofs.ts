import { calculateJwkThumbprint, compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { VciError } from './oauth-error.js';
import { batchSize, proofMaxAgeSeconds, proofSkewSeconds } from './settings.js';

const maxProofLength = 8 * 1024;
const keyParameters = ['jwk', 'kid', 'x5c', 'trust_chain', 'key_attestation'] as const;

export interface ProvenKey { jwk: JWK; thumbprint: string }

const refuse = (reason: string) => new VciError('invalid_proof', 'A key proof is not acceptable.', reason);

/**
 * `jwt` key proofs (OpenID4VCI 1.0 Appendix F.1), checked structure first, then crypto, then
 * claims: typ openid4vci-proof+jwt (no other Passerelle or wallet JWT can stand in), ES256,
 * no `crit`, the holder key as `jwk` and nothing else (a `kid` beside it could name another
 * key), a public P-256 key, the signature, `aud` exactly the issuer, `iat` neither stale nor
 * in the future. Across the batch: one shared `nonce`, and no key twice. The nonce itself is
 * consumed by the caller, in the transaction that issues.
 */
export async function checkKeyProofs(proofs: unknown, context: { issuer: string; now: number }): Promise<{ keys: ProvenKey[]; nonce: string }> {
  const jwts = (proofs as { jwt?: unknown } | undefined)?.jwt;
  if (!proofs || typeof proofs !== 'object' || Array.isArray(proofs) || Object.keys(proofs).length !== 1 || !Array.isArray(jwts)) {
    throw new VciError('invalid_credential_request', 'The request must carry `proofs` with one `jwt` array.', 'no proofs.jwt array');
  }
  if (jwts.length === 0 || jwts.length > batchSize) throw new VciError('invalid_credential_request', `Between 1 and ${batchSize} key proofs are accepted.`, `proof count ${jwts.length}`);
  const keys: ProvenKey[] = [];
  let nonce: string | undefined;
  for (const jwt of jwts) {
    const checked = await checkOne(jwt, context);
    if (nonce !== undefined && checked.nonce !== nonce) throw refuse('proofs carry different nonces');
    nonce = checked.nonce;
    if (keys.some((key) => key.thumbprint === checked.key.thumbprint)) throw refuse('two proofs for the same key');
    keys.push(checked.key);
  }
  return { keys, nonce: nonce! };
}

async function checkOne(jwt: unknown, context: { issuer: string; now: number }): Promise<{ key: ProvenKey; nonce: string }> {
  if (typeof jwt !== 'string' || jwt.length > maxProofLength || jwt.split('.').length !== 3) throw refuse('not a compact JWS of acceptable size');
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwt) as Record<string, unknown>;
    claims = decodeJwt(jwt) as Record<string, unknown>;
  } catch {
    throw refuse('unreadable proof');
  }
  if (header.typ !== 'openid4vci-proof+jwt') throw refuse(`typ ${String(header.typ)}`);
  if (header.alg !== 'ES256') throw refuse(`alg ${String(header.alg)}`);
  if (header.crit !== undefined) throw refuse('crit present');
  const present = keyParameters.filter((name) => header[name] !== undefined);
  if (present.length !== 1 || present[0] !== 'jwk') throw refuse(`key parameters ${present.join(',') || 'none'}`);
  const jwk = header.jwk as JWK;
  if (!jwk || typeof jwk !== 'object' || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) throw refuse('jwk is not a public P-256 key');
  try {
    await compactVerify(jwt, await importJWK(jwk, 'ES256'), { algorithms: ['ES256'] });
  } catch {
    throw refuse('signature does not verify with the header jwk');
  }
  if (typeof claims.aud !== 'string' || claims.aud !== context.issuer) throw refuse('aud is not the credential issuer');
  const iat = typeof claims.iat === 'number' ? claims.iat * 1000 : NaN;
  if (!(iat >= context.now - (proofMaxAgeSeconds + proofSkewSeconds) * 1000 && iat <= context.now + proofSkewSeconds * 1000)) throw refuse('iat missing, stale or in the future');
  if (typeof claims.nonce !== 'string' || claims.nonce === '' || claims.nonce.length > 200) {
    throw new VciError('invalid_nonce', 'The key proof must carry a fresh c_nonce from the nonce endpoint.', 'no nonce in proof');
  }
  const publicJwk: JWK = { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! };
  return { key: { jwk: publicJwk, thumbprint: await calculateJwkThumbprint(publicJwk, 'sha256') }, nonce: claims.nonce };
}
