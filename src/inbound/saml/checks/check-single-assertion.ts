import { PasserelleError } from '../../../core/errors.js';
import { ns } from '../saml-constants.js';
import { childElements } from '../xml-dom.js';
import type { AcsCheck } from './acs-state.js';

/**
 * Exactly one assertion, as a direct child of the Response: one Assertion or one
 * EncryptedAssertion, never both, never two, and no further Assertion or EncryptedAssertion
 * hidden anywhere else in the document (Extensions, Signature/Object, inside another
 * assertion): all of XSW1-10 and the hidden-assertion shape need a second copy (S-01…S-11).
 */
export const checkSingleAssertion: AcsCheck = {
  name: 'exactly one assertion',
  run(state) {
    const { response, document } = state;
    const plain = childElements(response, ns.assertion, 'Assertion');
    const encrypted = childElements(response, ns.assertion, 'EncryptedAssertion');
    if (plain.length + encrypted.length !== 1) {
      throw new PasserelleError('saml_response_rejected', `expected exactly one assertion, found ${plain.length} plain and ${encrypted.length} encrypted`);
    }
    const everywhere = document.getElementsByTagNameNS(ns.assertion, 'Assertion').length
      + document.getElementsByTagNameNS(ns.assertion, 'EncryptedAssertion').length;
    if (everywhere !== 1) throw new PasserelleError('saml_response_rejected', 'an assertion is hidden elsewhere in the document');
    state.encrypted = encrypted.length === 1;
    if (plain.length === 1) state.assertion = plain[0]!;
  },
};
