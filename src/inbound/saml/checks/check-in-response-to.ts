import { PasserelleError } from '../../../core/errors.js';
import { findPendingRequest } from '../saml-request-store.js';
import { requiredAttribute } from '../xml-dom.js';
import type { AcsCheck } from './acs-state.js';

/**
 * The Response answers a request we sent, from THIS browser, still pending and unexpired.
 * Unsolicited (IdP-initiated) responses are refused. This only reads: the request is
 * consumed later, atomically, when everything else has passed (S-37, S-38, W-06). For a request
 * of this browser that expired or was already answered, `endedFlow` is set, so the citizen is
 * led back to the portal instead of stranded.
 */
export const checkInResponseTo: AcsCheck = {
  name: 'InResponseTo',
  async run(state) {
    const inResponseTo = requiredAttribute(state.response, 'InResponseTo', 'saml_request_unknown');
    const pending = await findPendingRequest(state.deps.db, inResponseTo);
    if (!pending) throw new PasserelleError('saml_request_unknown', 'InResponseTo names no request we sent');
    if (!state.browserBinding || state.browserBinding !== pending.browserBinding) {
      throw new PasserelleError('saml_request_unknown', 'the request was started in another browser (binding cookie missing or different)');
    }
    if (pending.consumedAt !== undefined) {
      // Back or refresh after the answer: refused as before, but acs-route.ts links the page to the portal.
      state.endedFlow = pending;
      throw new PasserelleError('saml_request_unknown', 'the request was already answered');
    }
    if (pending.expiresAt <= state.now) {
      // This browser's own login, answered too late: nothing is read from the response, but the
      // waiting flow learns that it is over and the citizen is led back to the portal.
      state.endedFlow = pending;
      throw new PasserelleError('login_flow_expired', 'the request expired');
    }
    const country = state.deps.config.countries.find((c) => c.code === pending.country);
    if (!country) throw new PasserelleError('saml_request_unknown', 'the request names a country no longer configured');
    state.pending = pending;
    state.country = country;
  },
};
