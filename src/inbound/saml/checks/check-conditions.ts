import { PasserelleError } from '../../../core/errors.js';
import { ns } from '../saml-constants.js';
import { childElements, dateTimeAttribute, textOnly } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';

/**
 * Exactly one Conditions element (S-44) with a NotOnOrAfter (required by us: node-saml skips
 * the check when it is absent), NotBefore/NotOnOrAfter honoured with the configured skew
 * (S-43), and every AudienceRestriction naming our entityID (S-39).
 */
export const checkConditions: AcsCheck = {
  name: 'Conditions',
  run(state) {
    const assertion = established(state.assertion, 'assertion');
    const all = childElements(assertion, ns.assertion, 'Conditions');
    if (all.length !== 1) throw new PasserelleError('saml_response_rejected', `expected one Conditions, found ${all.length}`);
    const conditions = all[0]!;
    const notBefore = dateTimeAttribute(conditions, 'NotBefore');
    const notOnOrAfter = dateTimeAttribute(conditions, 'NotOnOrAfter');
    if (notOnOrAfter === undefined) throw new PasserelleError('saml_response_rejected', 'Conditions has no NotOnOrAfter');
    if (notBefore !== undefined && state.now < notBefore - state.skewMs) throw new PasserelleError('saml_expired', 'Conditions NotBefore lies in the future');
    if (state.now >= notOnOrAfter + state.skewMs) throw new PasserelleError('saml_expired', 'Conditions NotOnOrAfter has passed');
    const restrictions = childElements(conditions, ns.assertion, 'AudienceRestriction');
    if (restrictions.length === 0) throw new PasserelleError('saml_audience_mismatch', 'the assertion has no AudienceRestriction');
    for (const restriction of restrictions) {
      const audiences = childElements(restriction, ns.assertion, 'Audience').map((a) => textOnly(a, 'Audience').trim());
      if (!audiences.includes(state.spEntityId)) throw new PasserelleError('saml_audience_mismatch', 'an AudienceRestriction does not name us');
    }
    state.assertionExpiresAt = Math.max(state.assertionExpiresAt ?? 0, notOnOrAfter + state.skewMs);
  },
};
