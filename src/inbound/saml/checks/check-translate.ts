import { subjectOf } from '../../../core/legal-person-attributes.js';
import { translateAssertion } from '../translate-assertion.js';
import { established, type AcsCheck } from './acs-state.js';

/** The last check: the neutral citizen can be built (stable codes for missing or malformed values). */
export const checkTranslate: AcsCheck = {
  name: 'translate to citizen',
  run(state) {
    state.citizen = translateAssertion({
      attributes: established(state.attributes, 'attributes'),
      loa: established(state.loa, 'LoA'),
      country: established(state.country, 'country').code,
      issuer: established(state.idp, 'IdP metadata').entityId,
      assertionId: established(state.assertionId, 'assertion ID'),
      authnInstant: established(state.authnInstant, 'AuthnInstant'),
    }, state.deps.config.nodeCountry, subjectOf(established(state.pending, 'pending request').requestedAttributes));
  },
};
