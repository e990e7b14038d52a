import { PasserelleError } from '../../../core/errors.js';
import { verifyEnvelopedSignature } from '../crypto/index.js';
import { ns } from '../saml-constants.js';
import { childElements, requiredAttribute } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';
import { withCurrentKeys } from './with-current-keys.js';

/**
 * The Assertion is signed (eIDAS; also after decryption), exactly once, by a signing key
 * from the requested country's IdP metadata, with an algorithm its policy allows (no SHA-1,
 * no HMAC, no MD5; PKCS#1 v1.5 only where configured), and the signature references this
 * very Assertion. The crypto module enforces the reference, transform and KeyInfo rules
 * (S-13…S-16, S-18, S-20…S-28). A key the metadata does not list yet is looked up once
 * in newer metadata (an IdP key rollover, see with-current-keys.ts).
 */
export const checkAssertionSignature: AcsCheck = {
  name: 'Assertion signature',
  async run(state) {
    const assertion = established(state.assertion, 'assertion');
    const signatures = childElements(assertion, ns.dsig, 'Signature');
    if (signatures.length === 0) throw new PasserelleError('saml_signature_invalid', 'the Assertion is not signed');
    if (signatures.length > 1) throw new PasserelleError('saml_signature_invalid', 'the Assertion carries more than one signature');
    const policy = established(state.country, 'country').algorithms;
    const { signedElement } = await withCurrentKeys(state, (idp) => verifyEnvelopedSignature(assertion, idp.signingCertificates, policy));
    if (signedElement !== assertion) throw new PasserelleError('saml_signature_invalid', 'the signature does not cover the Assertion');
    if (assertion.getAttribute('Version') !== '2.0') throw new PasserelleError('saml_response_rejected', 'Assertion Version is not 2.0');
    state.assertionId = requiredAttribute(assertion, 'ID');
  },
};
