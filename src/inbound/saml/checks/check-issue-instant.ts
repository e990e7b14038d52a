import { PasserelleError } from '../../../core/errors.js';
import { dateTimeAttribute } from '../xml-dom.js';
import { established, type AcsCheck, type AcsState } from './acs-state.js';

/**
 * IssueInstant of a Response or Assertion lies between the moment we sent the request and
 * now (each with the configured skew): older messages cannot answer this request, and
 * messages from the future come from a broken or hostile clock (S-43).
 */
export function assertIssuedInWindow(el: Element, state: AcsState): void {
  const issued = dateTimeAttribute(el, 'IssueInstant');
  if (issued === undefined) throw new PasserelleError('saml_response_rejected', `${el.localName} has no IssueInstant`);
  const sentAt = established(state.pending, 'pending request').createdAt;
  if (issued < sentAt - state.skewMs) throw new PasserelleError('saml_expired', `${el.localName} was issued before the request was sent`);
  if (issued > state.now + state.skewMs) throw new PasserelleError('saml_expired', `${el.localName} IssueInstant lies in the future`);
}

export const checkResponseIssueInstant: AcsCheck = {
  name: 'Response IssueInstant',
  run(state) {
    assertIssuedInWindow(state.response, state);
  },
};
