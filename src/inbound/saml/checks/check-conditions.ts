import { PasserelleError } from '../../../core/errors.js';
import { ns } from '../saml-constants.js';
import { childElements, dateTimeAttribute, singleChild, textOnly } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';
import { requireNotOnOrAfter } from './not-on-or-after.js';

/**
 * Exactly one Conditions element (S-44) with a NotOnOrAfter (required, see not-on-or-after.ts),
 * NotBefore/NotOnOrAfter honoured with the configured skew (S-43), and every AudienceRestriction
 * naming our entityID (S-39).
 */
export const checkConditions: AcsCheck = {
  name: 'Conditions',
  run(state) {
    const assertion = established(state.assertion, 'assertion');
    const conditions = singleChild(assertion, ns.assertion, 'Conditions');
    const notBefore = dateTimeAttribute(conditions, 'NotBefore');
    requireNotOnOrAfter(conditions, state);
    if (notBefore !== undefined && state.now < notBefore - state.skewMs) throw new PasserelleError('saml_expired', 'Conditions NotBefore lies in the future');
    const restrictions = childElements(conditions, ns.assertion, 'AudienceRestriction');
    if (restrictions.length === 0) throw new PasserelleError('saml_audience_mismatch', 'the assertion has no AudienceRestriction');
    for (const restriction of restrictions) {
      const audiences = childElements(restriction, ns.assertion, 'Audience').map((a) => textOnly(a, 'Audience').trim());
      if (!audiences.includes(state.spEntityId)) throw new PasserelleError('saml_audience_mismatch', 'an AudienceRestriction does not name us');
    }
  },
};
