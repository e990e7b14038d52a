import { createHash, timingSafeEqual } from 'node:crypto';
import { namespaces } from './algorithms.js';
import { canonicalizeExclusive } from './canonicalize.js';
import { childElements, elementId, elementsWithId } from './dom.js';
import { signatureInvalid } from './failures.js';
import type { TrustedKey } from './keys.js';
import type { AlgorithmPolicy } from './policy.js';
import { parseSignature } from './signed-info.js';
import { verifyWithTrustedKeys } from './trusted-verify.js';

export interface VerifyOptions {
  /**
   * Accept `Reference URI=""` when `element` is the document element. Only for metadata, which is signed
   * that way; SAML protocol messages must reference their own ID.
   */
  allowWholeDocumentReference?: boolean;
}

export interface VerifiedSignature {
  signatureAlgorithm: string;
  digestAlgorithm: string;
  /** The element that the checked Reference covers: always the `element` passed in. */
  signedElement: Element;
  /** Index in `trusted` of the key that verified (useful to log certificate rollover). */
  trustedKeyIndex: number;
}

/**
 * Verifies the enveloped signature that is a direct child of `element`, with the trusted keys only
 * (KeyInfo is never read). The only signed content this vouches for is `element` itself.
 */
export function verifyEnvelopedSignature(
  element: Element,
  trusted: ReadonlyArray<TrustedKey>,
  policy: AlgorithmPolicy,
  options: VerifyOptions = {},
): VerifiedSignature {
  const signatures = childElements(element, namespaces.ds, 'Signature');
  if (signatures.length !== 1) signatureInvalid(`expected exactly one Signature child, found ${signatures.length}`);
  const parsed = parseSignature(signatures[0]!, policy);
  checkReferenceTarget(element, parsed.referenceUri, options);

  const signedInfoOctets = Buffer.from(canonicalize(parsed.signedInfo, { inclusivePrefixes: parsed.signedInfoPrefixes }), 'utf8');
  const trustedKeyIndex = verifyWithTrustedKeys(parsed.method, trusted, policy, signedInfoOctets, parsed.signatureValue);

  const referenced = canonicalize(element, { omitChild: parsed.signature, inclusivePrefixes: parsed.referencePrefixes });
  const digest = createHash(parsed.digestHash).update(referenced, 'utf8').digest();
  if (digest.length !== parsed.digestValue.length || !timingSafeEqual(digest, parsed.digestValue)) {
    signatureInvalid('digest of the signed element does not match');
  }
  return { signatureAlgorithm: parsed.signatureAlgorithm, digestAlgorithm: parsed.digestAlgorithm, signedElement: element, trustedKeyIndex };
}

/** Canonicalization of hostile input must fail as an invalid signature, never as an unexpected exception. */
function canonicalize(element: Element, options: Parameters<typeof canonicalizeExclusive>[1]): string {
  try {
    return canonicalizeExclusive(element, options);
  } catch {
    return signatureInvalid('the signed content cannot be canonicalized');
  }
}

/** The Reference must point at `element` itself, by an ID that no other element in the document shares. */
function checkReferenceTarget(element: Element, uri: string, options: VerifyOptions): void {
  if (uri === '') {
    const isRoot = element.ownerDocument?.documentElement === element;
    if (options.allowWholeDocumentReference && isRoot) return;
    signatureInvalid('Reference URI="" is only accepted for whole-document (metadata) signatures');
  }
  const id = elementId(element);
  if (!id) signatureInvalid('signed element has no ID');
  if (uri !== `#${id}`) signatureInvalid('Reference does not point at the signed element');
  if (!element.ownerDocument || elementsWithId(element.ownerDocument, id).length !== 1) {
    signatureInvalid('the signed ID is not unique in the document');
  }
}
