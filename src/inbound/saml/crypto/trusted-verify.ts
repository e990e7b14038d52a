import type { SignatureMethod } from './algorithms.js';
import { refuse, untrustedKey } from './failures.js';
import { publicKeyOf, type TrustedKey } from './keys.js';
import type { AlgorithmPolicy } from './policy.js';
import { keyFit, verifyRaw } from './signature-algorithms.js';

/**
 * Checks `signature` over `data` with the trusted keys that suit the method and the policy; returns the index
 * of the key that verified. A trusted key that is too weak for the policy is a refusal, not a silent skip.
 */
export function verifyWithTrustedKeys(
  method: SignatureMethod, trusted: ReadonlyArray<TrustedKey>, policy: AlgorithmPolicy, data: Buffer, signature: Buffer,
): number {
  const keys = trusted.map(publicKeyOf);
  const fits = keys.map((key) => keyFit(method, key, policy));
  if (!fits.includes('usable')) {
    if (fits.includes('too-weak')) refuse('the trusted key is too small for this policy');
    untrustedKey('no trusted key matches the signature algorithm');
  }
  const index = keys.findIndex((key, i) => fits[i] === 'usable' && verifyRaw(method, key, data, signature));
  if (index < 0) untrustedKey('signature value does not verify with any trusted key');
  return index;
}
