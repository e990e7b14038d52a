import { PasserelleError } from '../../../core/errors.js';
import { loaFromUri, loaSatisfies } from '../../../core/loa.js';
import { ns } from '../saml-constants.js';
import { dateTimeAttribute, requiredText, singleChild } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';

/**
 * One AuthnStatement whose AuthnContextClassRef is an eIDAS LoA at least as high as the one
 * we requested (minimum comparison). A non-eIDAS or lower class is refused, so a portal never
 * sees an `acr` higher than what the IdP asserted (S-47). The response is authentic at this
 * point (signatures, subject confirmation and conditions checked), so a too-low level ends
 * the login like a failure status: the pending request is consumed and the portal gets
 * `access_denied` instead of a citizen stranded on an error page.
 */
export const checkAuthnStatement: AcsCheck = {
  name: 'AuthnStatement and LoA',
  run(state) {
    const assertion = established(state.assertion, 'assertion');
    const statement = singleChild(assertion, ns.assertion, 'AuthnStatement');
    const authnInstant = dateTimeAttribute(statement, 'AuthnInstant');
    if (authnInstant === undefined) throw new PasserelleError('saml_response_rejected', 'AuthnStatement has no AuthnInstant');
    if (authnInstant > state.now + state.skewMs) throw new PasserelleError('saml_expired', 'AuthnInstant lies in the future');
    const context = singleChild(statement, ns.assertion, 'AuthnContext');
    const classRef = requiredText(singleChild(context, ns.assertion, 'AuthnContextClassRef'), 'AuthnContextClassRef');
    const loa = loaFromUri(classRef);
    if (!loa) {
      state.statusFailure = new PasserelleError('loa_too_low', 'AuthnContextClassRef is not an eIDAS level of assurance');
      return;
    }
    if (!loaSatisfies(loa, established(state.pending, 'pending request').requestedLoa)) {
      state.refusedLoa = loa;
      state.statusFailure = new PasserelleError('loa_too_low', `asserted LoA ${loa} is below the requested minimum`);
      return;
    }
    state.loa = loa;
    state.authnInstant = authnInstant;
  },
};
