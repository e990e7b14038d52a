import { PasserelleError } from '../../../core/errors.js';
import { decryptEncryptedAssertion, parseXmlSecurely } from '../crypto/index.js';
import { declaresProtocol14 } from '../metadata/protocol-versions.js';
import { ns } from '../saml-constants.js';
import { childElements } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';
import { assertUniqueIds } from './check-unique-ids.js';

/**
 * Decrypts an EncryptedAssertion with any of our saml-encryption keys (rollover: retired keys
 * still decrypt), under the country's algorithm policy: RSA PKCS#1 v1.5 key transport is
 * refused before any decryption, CBC unless explicitly allowed (S-49, S-50), rsa-oaep-mgf1p when the IdP's
 * metadata declares eIDAS protocol 1.4. The plaintext is
 * parsed as securely as the Response (not well-formed = failed decryption) and must be exactly one Assertion (S-52) whose IDs do
 * not collide with the Response's. Encryption proves nothing about origin: the decrypted
 * Assertion must still carry a valid IdP signature (next check, S-51).
 */
export const decryptAssertion: AcsCheck = {
  name: 'decrypt assertion',
  run(state) {
    if (!state.encrypted) return;
    const encrypted = childElements(state.response, ns.assertion, 'EncryptedAssertion')[0]!;
    // eIDAS protocol 1.4 forbids rsa-oaep-mgf1p: an IdP declaring 1.4 and still using it is refused before decryption.
    const peerProtocol14 = declaresProtocol14(established(state.idp, 'IdP metadata').protocolVersions);
    const policy = { ...established(state.country, 'country').algorithms, peerProtocol14 };
    const plaintext = decryptEncryptedAssertion(encrypted, state.deps.decryptionKeys(), policy);
    let document: Document;
    try {
      document = parseXmlSecurely(plaintext);
    } catch {
      // Garbled plaintext must look exactly like a failed decryption: with CBC (national
      // profile) a distinct answer here would be a padding oracle (S-50).
      throw new PasserelleError('saml_decryption_failed', 'the encrypted assertion could not be decrypted');
    }
    const root = document.documentElement;
    if (!root || root.namespaceURI !== ns.assertion || root.localName !== 'Assertion') {
      throw new PasserelleError('saml_response_rejected', 'the EncryptedAssertion does not hold an Assertion');
    }
    if (document.getElementsByTagNameNS(ns.assertion, 'Assertion').length !== 1
      || document.getElementsByTagNameNS(ns.assertion, 'EncryptedAssertion').length !== 0) {
      throw new PasserelleError('saml_response_rejected', 'the EncryptedAssertion holds more than one assertion');
    }
    assertUniqueIds(root, assertUniqueIds(state.response));
    state.assertion = root;
  },
};
