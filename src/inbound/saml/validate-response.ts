import type { AcsCheck, AcsState } from './checks/acs-state.js';
import { checkAssertionIssueInstant } from './checks/check-assertion-issue-instant.js';
import { checkAssertionSignature } from './checks/check-assertion-signature.js';
import { checkAttributes } from './checks/check-attributes.js';
import { checkAuthnStatement } from './checks/check-authn-statement.js';
import { checkPersonKind } from './checks/check-person-kind.js';
import { checkConditions } from './checks/check-conditions.js';
import { checkDestination } from './checks/check-destination.js';
import { checkIdpMetadata } from './checks/check-idp-metadata.js';
import { checkInResponseTo } from './checks/check-in-response-to.js';
import { checkResponseIssueInstant } from './checks/check-issue-instant.js';
import { checkAssertionIssuer, checkResponseIssuer } from './checks/check-issuer.js';
import { checkRelayState } from './checks/check-relay-state.js';
import { checkRequiredAttributes } from './checks/check-required-attributes.js';
import { checkResponseRoot } from './checks/check-response-root.js';
import { checkResponseSignature } from './checks/check-response-signature.js';
import { checkSingleAssertion } from './checks/check-single-assertion.js';
import { checkStatus } from './checks/check-status.js';
import { checkSubjectConfirmation } from './checks/check-subject-confirmation.js';
import { checkTranslate } from './checks/check-translate.js';
import { checkUniqueIds } from './checks/check-unique-ids.js';
import { decryptAssertion } from './checks/decrypt-assertion.js';

/**
 * Every check a SAML Response passes at our ACS, in order, one rule per file. Nothing is
 * written while they run; the route commits (consume request + replay entry) only after the
 * last one. The assertion ID's replay check (S-36) is that commit: one atomic statement that
 * refuses a seen ID with `saml_replay` (saml-request-store.ts), with no read before it. The order matters where a check relies on an earlier one: the pending request
 * names the country, the country names the only IdP whose keys and entityID count.
 */
export const responseChecks: readonly AcsCheck[] = [
  checkResponseRoot,
  checkUniqueIds,
  checkInResponseTo,
  checkRelayState,
  checkIdpMetadata,
  checkResponseIssuer,
  checkDestination,
  checkResponseSignature,
  checkResponseIssueInstant,
  checkStatus, // a failure status stops here: the login ends as cancelled/failed
  checkSingleAssertion,
  decryptAssertion,
  checkAssertionSignature,
  checkAssertionIssuer,
  checkAssertionIssueInstant,
  checkSubjectConfirmation,
  checkConditions,
  checkAuthnStatement,
  checkAttributes,
  checkRequiredAttributes,
  checkPersonKind,
  checkTranslate,
];

/** Runs the checks; returns with `statusFailure` set, or with `citizen` set; throws on any violation. */
export async function validateResponse(state: AcsState, checks: readonly AcsCheck[] = responseChecks): Promise<AcsState> {
  for (const check of checks) {
    await check.run(state);
    if (state.statusFailure) return state;
  }
  return state;
}
