import { PasserelleError } from '../../../core/errors.js';
import { dateTimeAttribute } from '../xml-dom.js';
import type { AcsState } from './acs-state.js';

/**
 * A NotOnOrAfter that must be present (node-saml skips the check when it is absent) and not
 * passed, with the configured skew (S-43). Every such limit also bounds how long the assertion
 * ID stays in the replay cache, so the latest one read is remembered there.
 */
export function requireNotOnOrAfter(el: Element, state: AcsState): void {
  const notOnOrAfter = dateTimeAttribute(el, 'NotOnOrAfter');
  if (notOnOrAfter === undefined) throw new PasserelleError('saml_response_rejected', `${el.localName} has no NotOnOrAfter`);
  if (state.now >= notOnOrAfter + state.skewMs) throw new PasserelleError('saml_expired', `${el.localName} NotOnOrAfter has passed`);
  state.assertionExpiresAt = Math.max(state.assertionExpiresAt ?? 0, notOnOrAfter + state.skewMs);
}
