import { timingSafeEqual } from 'node:crypto';
import { PasserelleError } from '../../../core/errors.js';
import { established, type AcsCheck } from './acs-state.js';

/**
 * RelayState comes back exactly as we sent it (bindings §3.5.3). It is an opaque handle we
 * compare, never a URL we follow (S-55).
 */
export const checkRelayState: AcsCheck = {
  name: 'RelayState',
  run(state) {
    const expected = Buffer.from(established(state.pending, 'pending request').relayState);
    const received = Buffer.from(state.relayState ?? '');
    if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
      throw new PasserelleError('saml_request_unknown', 'RelayState differs from the one sent with the request');
    }
  },
};
