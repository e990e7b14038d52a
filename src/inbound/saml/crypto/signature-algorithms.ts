import { constants, sign, verify, type KeyObject } from 'node:crypto';
import { algorithms, type SignatureMethod } from './algorithms.js';
import { curveOf, isRsa, rsaBits } from './keys.js';
import { minimumRsaBits, type AlgorithmPolicy } from './policy.js';

const hashBytes = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 } as const;

export type KeyFit = 'usable' | 'wrong-type' | 'too-weak';

/** Whether `key` can check signatures of `method` under `policy` (RSA size, supported EC curve). */
export function keyFit(method: SignatureMethod, key: KeyObject, policy: AlgorithmPolicy): KeyFit {
  if (method.family === 'ecdsa') return curveOf(key) ? 'usable' : 'wrong-type';
  if (!isRsa(key)) return 'wrong-type';
  if (method.family === 'rsa-pkcs1' && key.asymmetricKeyType === 'rsa-pss') return 'wrong-type';
  return rsaBits(key) >= minimumRsaBits(policy) ? 'usable' : 'too-weak';
}

function options(method: SignatureMethod, key: KeyObject) {
  switch (method.family) {
    // RFC 6931 §2.3.10: the salt is as long as the hash output, and MGF1 uses the same hash.
    case 'rsa-pss': return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: hashBytes[method.hash] };
    case 'rsa-pkcs1': return { key, padding: constants.RSA_PKCS1_PADDING };
    // XMLDSig ECDSA values are raw r||s (RFC 4050 / xmldsig11), not DER.
    case 'ecdsa': return { key, dsaEncoding: 'ieee-p1363' as const };
  }
}

/** Checks raw signature bytes; never throws for a bad signature, only returns false. */
export function verifyRaw(method: SignatureMethod, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  if (method.family === 'ecdsa') {
    const curve = curveOf(key);
    if (!curve || signature.length !== 2 * curve.coordinateBytes) return false;
  }
  try {
    return verify(method.hash, data, options(method, key), signature);
  } catch {
    return false;
  }
}

export function signRaw(method: SignatureMethod, privateKey: KeyObject, data: Buffer): Buffer {
  return sign(method.hash, data, options(method, privateKey));
}

/** Our default for outgoing signatures: RSA-PSS SHA-256 for RSA keys, ECDSA with the curve's hash for EC. */
export function defaultSignatureAlgorithm(privateKey: KeyObject): string {
  if (isRsa(privateKey)) return algorithms.rsaPssSha256;
  const curve = curveOf(privateKey);
  if (!curve) throw new Error('signing key must be RSA or EC on a supported curve');
  if (curve.coordinateBytes >= 64) return algorithms.ecdsaSha512;
  return curve.coordinateBytes >= 48 ? algorithms.ecdsaSha384 : algorithms.ecdsaSha256;
}
