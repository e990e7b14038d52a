import { PasserelleError } from '../../../core/errors.js';

/** An algorithm or structure the policy does not accept: refused before any key is used. */
export function refuse(detail: string): never {
  throw new PasserelleError('saml_algorithm_refused', detail);
}

export function signatureInvalid(detail: string): never {
  throw new PasserelleError('saml_signature_invalid', detail);
}

/**
 * A well-formed signature that none of the trusted keys verifies (or that no trusted key
 * could have made): the same refusal as any invalid signature, told apart only so that a
 * caller may look for newer trusted keys (an IdP key rollover) and check once more.
 */
export class UntrustedKeyError extends PasserelleError {
  constructor(detail: string) {
    super('saml_signature_invalid', detail);
  }
}

export function untrustedKey(detail: string): never {
  throw new UntrustedKeyError(detail);
}

/**
 * Every failure after a private key was touched ends here, with one message: callers and logs must not
 * be able to tell a padding failure from a tag failure (no decryption oracle).
 */
export function decryptionFailed(): never {
  throw new PasserelleError('saml_decryption_failed', 'the encrypted assertion could not be decrypted');
}

/** A message whose encryption structure is not one we understand (before any key is used). */
export function malformedEncryption(detail: string): never {
  throw new PasserelleError('saml_algorithm_refused', `unsupported encryption structure: ${detail}`);
}
