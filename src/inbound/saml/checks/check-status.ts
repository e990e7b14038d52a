import { PasserelleError } from '../../../core/errors.js';
import { ns, statusCodes } from '../saml-constants.js';
import { optionalChild, requiredAttribute, singleChild } from '../xml-dom.js';
import type { AcsCheck } from './acs-state.js';

/**
 * A non-Success status ends the login cleanly: `RequestDenied` as second-level code means the
 * citizen cancelled or refused consent (authentication_cancelled); anything else is a failure
 * (authentication_failed). Assertions next to a failure status are ignored (S-46).
 */
export const checkStatus: AcsCheck = {
  name: 'Status',
  run(state) {
    const status = singleChild(state.response, ns.protocol, 'Status', 'saml_response_rejected');
    const top = singleChild(status, ns.protocol, 'StatusCode', 'saml_response_rejected');
    const value = requiredAttribute(top, 'Value');
    if (value === statusCodes.success) return;
    const second = optionalChild(top, ns.protocol, 'StatusCode');
    const secondValue = second?.getAttribute('Value') ?? '';
    const code = secondValue === statusCodes.requestDenied ? 'authentication_cancelled' : 'authentication_failed';
    const tail = (uri: string) => uri.slice(uri.lastIndexOf(':') + 1).slice(0, 40);
    state.statusFailure = new PasserelleError(code, `IdP status ${tail(value)}${secondValue ? '/' + tail(secondValue) : ''}`);
  },
};
