import { PasserelleError } from '../../../core/errors.js';
import { attribute } from '../xml-dom.js';
import type { AcsCheck } from './acs-state.js';

/**
 * Destination is present and is exactly our ACS URL (bindings §3.5.5.2); node-saml 5.1 does
 * not check it (S-40). Required even on unsigned responses: eIDAS nodes always send it.
 */
export const checkDestination: AcsCheck = {
  name: 'Destination',
  run(state) {
    const destination = attribute(state.response, 'Destination');
    if (destination === undefined) throw new PasserelleError('saml_destination_mismatch', 'Response has no Destination');
    if (destination !== state.acsUrl) throw new PasserelleError('saml_destination_mismatch', 'Response Destination is not our ACS URL');
  },
};
