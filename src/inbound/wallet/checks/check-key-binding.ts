import { createHash } from 'node:crypto';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { PasserelleError } from '../../../core/errors.js';
import { expectedAudiences, type PresentationContext } from '../verified-pid.js';

/**
 * The holder's key-binding JWT (RFC 9901 §7.3, OpenID4VP 1.0 B.3.6): typ kb+jwt, signed with the
 * key the issuer put in `cnf.jwk`, `nonce` this transaction's, `aud` our client id (prefix
 * included; over the DC API `origin:` and our origin), `iat` recent, and `sd_hash` over exactly the presented SD-JWT and disclosures.
 * The library lets a wrong audience or a stale iat through, so each is checked here.
 */
export async function checkKeyBinding(kbJwt: string, presented: string, cnf: unknown, context: PresentationContext): Promise<void> {
  const jwk = (cnf as { jwk?: JWK } | undefined)?.jwk;
  if (!jwk || typeof jwk !== 'object') throw new PasserelleError('wallet_key_binding_missing', 'the PID is not bound to a holder key (no cnf.jwk)');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(kbJwt);
    claims = decodeJwt(kbJwt);
  } catch (error) {
    throw new PasserelleError('wallet_key_binding_invalid', 'the key-binding JWT is unreadable', { cause: error });
  }
  if (header.typ !== 'kb+jwt') throw new PasserelleError('wallet_key_binding_invalid', `key-binding typ is ${String(header.typ)}`);
  try {
    const key = await importJWK(jwk, 'ES256');
    await compactVerify(kbJwt, key, { algorithms: ['ES256'] });
  } catch (error) {
    throw new PasserelleError('wallet_key_binding_invalid', 'the key-binding signature does not verify with cnf.jwk', { cause: error });
  }
  if (claims.nonce !== context.nonce) throw new PasserelleError('wallet_nonce_mismatch', 'key-binding nonce is not this transaction\'s');
  if (typeof claims.aud !== 'string' || !expectedAudiences(context.handover).includes(claims.aud)) {
    throw new PasserelleError('wallet_audience_mismatch', context.handover.kind === 'dc_api' ? 'key-binding aud is not origin: and our origin' : 'key-binding aud is not our client id');
  }
  const iat = typeof claims.iat === 'number' ? claims.iat * 1000 : NaN;
  if (!(iat <= context.now + context.skewSeconds * 1000 && iat >= context.now - (context.keyBindingMaxAgeSeconds + context.skewSeconds) * 1000)) {
    throw new PasserelleError('wallet_key_binding_invalid', 'key-binding iat is missing, stale or in the future');
  }
  const sdHash = createHash('sha256').update(presented, 'ascii').digest('base64url');
  if (claims.sd_hash !== sdHash) throw new PasserelleError('wallet_key_binding_invalid', 'key-binding sd_hash does not cover the presented SD-JWT');
}
