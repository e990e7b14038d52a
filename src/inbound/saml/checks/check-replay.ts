import { PasserelleError } from '../../../core/errors.js';
import { isAssertionSeen } from '../saml-request-store.js';
import { established, type AcsCheck } from './acs-state.js';

/**
 * The assertion ID has not been used before (S-36; saml-profiles §4.1.4.5). This read gives a
 * clear answer early; the insert in the final transaction is what makes it race-free.
 */
export const checkReplay: AcsCheck = {
  name: 'assertion replay',
  async run(state) {
    const issuer = established(state.idp, 'IdP metadata').entityId;
    if (await isAssertionSeen(state.deps.db, issuer, established(state.assertionId, 'assertion ID'), state.now)) {
      throw new PasserelleError('saml_replay', 'assertion ID already seen');
    }
  },
};
