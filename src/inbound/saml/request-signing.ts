import type { CountryConfig } from '../../config/schema.js';
import { PasserelleError } from '../../core/errors.js';
import type { Keystore } from '../../keys/keystore.js';
import type { KeyEntry } from '../../keys/key-types.js';
import { algorithms, allowedAlgorithms } from './crypto/index.js';
import type { IdpMetadata } from './metadata/idp-metadata.js';

/** How one AuthnRequest to one IdP is signed, or that it is sent unsigned. */
export type RequestSigning =
  | { readonly signed: false }
  | { readonly signed: true; readonly key: KeyEntry; readonly signatureAlgorithm: string; readonly digestAlgorithm: string };

/** Our preference when the IdP names several methods it accepts: eIDAS algorithms first, strongest hash last. */
const preference: readonly string[] = [
  algorithms.rsaPssSha256, algorithms.rsaPssSha384, algorithms.rsaPssSha512,
  algorithms.ecdsaSha256, algorithms.ecdsaSha384, algorithms.ecdsaSha512,
  algorithms.rsaSha256, algorithms.rsaSha384, algorithms.rsaSha512,
];
const digestPreference: readonly string[] = [algorithms.sha256, algorithms.sha384, algorithms.sha512];

const keyTypeOf = (method: string): 'RSA' | 'EC' => (method.includes('#ecdsa-') ? 'EC' : 'RSA');

function firstUsable(candidates: readonly string[], keystore: Keystore): { method: string; key: KeyEntry } | undefined {
  for (const method of candidates) {
    try {
      return { method, key: keystore.active('saml-signing', keyTypeOf(method)) };
    } catch {
      // no active key of that type: try the next method
    }
  }
  return undefined;
}

/**
 * Picks how to sign the AuthnRequest for `country` from the country's algorithm policy and what the
 * IdP's metadata publishes:
 * - unsigned only when the configuration allows it (`allowUnsignedAuthnRequests`, national profile)
 *   and the metadata says `WantAuthnRequestsSigned="false"` explicitly;
 * - an IdP that lists `alg:SigningMethod`s gets the first of ours it lists (eIDAS algorithms first);
 *   one that lists none gets RSASSA-PSS, or RSA-SHA256 where the national profile allows PKCS#1 v1.5
 *   (what national IdP software that is not an eIDAS node verifies);
 * - the digest is SHA-256 unless the IdP lists digests without it.
 * An IdP that accepts nothing the policy allows cannot be served: that is a configuration error,
 * said before the browser leaves.
 */
export function chooseRequestSigning(country: CountryConfig, idp: IdpMetadata, keystore: Keystore): RequestSigning {
  const policy = country.algorithms;
  const support = idp.requestSigning;
  if (policy.profile === 'national' && policy.allowUnsignedAuthnRequests && support.wantAuthnRequestsSigned === false) {
    return { signed: false };
  }
  const allowed = new Set(allowedAlgorithms(policy).signature);
  const ours = preference.filter((uri) => allowed.has(uri));
  const candidates = support.signingMethods.length > 0
    ? ours.filter((uri) => support.signingMethods.includes(uri))
    : (allowed.has(algorithms.rsaSha256) ? [algorithms.rsaSha256] : [algorithms.rsaPssSha256]);
  const chosen = firstUsable(candidates, keystore);
  if (!chosen) {
    throw new PasserelleError('metadata_invalid', `the IdP of ${country.code} accepts no AuthnRequest signature method that the ${policy.profile} policy and our keys allow`);
  }
  const digests = support.digestMethods.length > 0 ? digestPreference.filter((uri) => support.digestMethods.includes(uri)) : [algorithms.sha256];
  const digestAlgorithm = digests[0];
  if (!digestAlgorithm) throw new PasserelleError('metadata_invalid', `the IdP of ${country.code} accepts no digest of SHA-256 or better`);
  return { signed: true, key: chosen.key, signatureAlgorithm: chosen.method, digestAlgorithm };
}
