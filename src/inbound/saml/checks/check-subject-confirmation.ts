import { PasserelleError } from '../../../core/errors.js';
import { bearerMethod, ns } from '../saml-constants.js';
import { attribute, singleChild } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';
import { requireNotOnOrAfter } from './not-on-or-after.js';

/**
 * The Web Browser SSO profile's bearer rules (saml-profiles §4.1.4.2, S-41, S-42): one
 * SubjectConfirmation, Method bearer, one SubjectConfirmationData with Recipient = our ACS
 * URL, InResponseTo = our request, NotOnOrAfter present and not passed, and no NotBefore.
 * node-saml 5.1 checks none of Method, Recipient or NotOnOrAfter presence.
 */
export const checkSubjectConfirmation: AcsCheck = {
  name: 'bearer SubjectConfirmation',
  run(state) {
    const assertion = established(state.assertion, 'assertion');
    const subject = singleChild(assertion, ns.assertion, 'Subject');
    const confirmation = singleChild(subject, ns.assertion, 'SubjectConfirmation');
    if (attribute(confirmation, 'Method') !== bearerMethod) throw new PasserelleError('saml_response_rejected', 'SubjectConfirmation Method is not bearer');
    const data = singleChild(confirmation, ns.assertion, 'SubjectConfirmationData');
    const recipient = attribute(data, 'Recipient');
    if (recipient === undefined || recipient !== state.acsUrl) {
      throw new PasserelleError('saml_destination_mismatch', 'SubjectConfirmationData Recipient is missing or not our ACS URL');
    }
    if (attribute(data, 'InResponseTo') !== established(state.pending, 'pending request').id) {
      throw new PasserelleError('saml_request_unknown', 'SubjectConfirmationData InResponseTo differs from the request');
    }
    if (data.hasAttribute('NotBefore')) throw new PasserelleError('saml_response_rejected', 'bearer SubjectConfirmationData must not carry NotBefore');
    requireNotOnOrAfter(data, state);
  },
};
