import type { JWK } from 'jose';
import type { Keystore } from '../../keys/keystore.js';

const curveAlg: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };

/**
 * The private JWKS oidc-provider signs with: every non-retired `oidc-signing` key, active
 * ones first (oidc-provider signs with the first key that fits the algorithm), then staged
 * `next` keys (published before they sign anything) and rotated-out ones (tokens they signed
 * still verify during a rollover). RSA keys carry no `alg` so one key serves RS256 and PS256.
 */
export function providerSigningJwks(keystore: Keystore): { keys: JWK[] } {
  const entries = keystore.published('oidc-signing').filter((e) => e.privateKey);
  return {
    keys: entries.map((e) => {
      const jwk = e.privateKey!.export({ format: 'jwk' }) as JWK;
      const alg = jwk.kty === 'EC' && jwk.crv ? curveAlg[jwk.crv] : undefined;
      return { ...jwk, kid: e.kid, use: 'sig', ...(alg ? { alg } : {}) };
    }),
  };
}

/** ID token algorithms we can sign with the keys at hand. RS256 stays the default. */
export function idTokenSigningAlgs(jwks: { keys: JWK[] }): string[] {
  const algs = new Set<string>();
  for (const key of jwks.keys) {
    if (key.kty === 'RSA') { algs.add('RS256'); algs.add('PS256'); }
    if (key.alg) algs.add(key.alg);
  }
  return ['RS256', 'PS256', 'ES256', 'ES384', 'ES512'].filter((alg) => algs.has(alg));
}
