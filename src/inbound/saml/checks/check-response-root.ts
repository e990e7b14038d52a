import { PasserelleError } from '../../../core/errors.js';
import { ns } from '../saml-constants.js';
import { requiredAttribute } from '../xml-dom.js';
import type { AcsCheck } from './acs-state.js';

/**
 * The document is one SAML 2.0 Response and holds no second Response anywhere: a nested
 * or sibling Response is a wrapping attempt (CVE-2022-39300 shapes), never legitimate.
 */
export const checkResponseRoot: AcsCheck = {
  name: 'response root',
  run(state) {
    const { response, document } = state;
    if (response.namespaceURI !== ns.protocol || response.localName !== 'Response') {
      throw new PasserelleError('saml_response_malformed', 'the message is not a SAML Response');
    }
    if (document.getElementsByTagNameNS(ns.protocol, 'Response').length !== 1) {
      throw new PasserelleError('saml_response_rejected', 'more than one Response element in the document');
    }
    if (response.getAttribute('Version') !== '2.0') throw new PasserelleError('saml_response_rejected', 'Response Version is not 2.0');
    requiredAttribute(response, 'ID');
  },
};
