import type { KeyObject } from 'node:crypto';
import { isPasserelleError, PasserelleError } from '../../../core/errors.js';
import { verifyEnvelopedSignature, type AlgorithmPolicy } from '../crypto/index.js';
import { ns } from '../saml-constants.js';
import { childElements } from '../xml-dom.js';

/**
 * Verifies the enveloped signature over a whole metadata document with the configured
 * metadata signing keys only (never a key from the metadata's own KeyInfo). Metadata signers
 * reference either the root's ID or the whole document (`URI=""`, as the EU eIDAS-Node does);
 * both cover exactly the root element, which is what we then read.
 */
export function verifyMetadataSignature(root: Element, keys: ReadonlyArray<string | KeyObject>, policy: AlgorithmPolicy): void {
  const signatures = childElements(root, ns.dsig, 'Signature');
  if (signatures.length === 0) throw new PasserelleError('metadata_invalid', 'metadata is unsigned but a metadata signing certificate is configured');
  if (signatures.length > 1) throw new PasserelleError('metadata_invalid', 'metadata carries more than one signature');
  let signedElement: Element;
  try {
    ({ signedElement } = verifyEnvelopedSignature(root, keys, policy, { allowWholeDocumentReference: true }));
  } catch (error) {
    const reason = isPasserelleError(error) ? `${error.code}: ${error.message}` : 'verification failed';
    throw new PasserelleError('metadata_invalid', `metadata signature is not valid (${reason})`, { cause: error });
  }
  if (signedElement !== root) throw new PasserelleError('metadata_invalid', 'metadata signature does not cover the document root');
}
