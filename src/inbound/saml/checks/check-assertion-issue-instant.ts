import { established, type AcsCheck } from './acs-state.js';
import { assertIssuedInWindow } from './check-issue-instant.js';

/** The Assertion too was issued after our request and not in the future (S-43). */
export const checkAssertionIssueInstant: AcsCheck = {
  name: 'Assertion IssueInstant',
  run(state) {
    assertIssuedInWindow(established(state.assertion, 'assertion'), state);
  },
};
