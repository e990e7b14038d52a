/**
 * Every failure Passerelle reports has a stable code. The code, the HTTP status and the
 * public description are what the outside world may see; `cause` stays in our logs.
 * One function in src/web/error-response.ts turns these into pages, JSON or redirects.
 */
export const errorCatalogue = {
  // configuration and start-up
  config_invalid: { status: 500, description: 'The configuration is invalid.' },
  key_missing: { status: 500, description: 'A configured key could not be loaded.' },
  database_unreachable: { status: 503, description: 'The database cannot be reached.' },
  // generic request handling
  bad_request: { status: 400, description: 'The request could not be understood.' },
  payload_too_large: { status: 413, description: 'The request is too large.' },
  not_found: { status: 404, description: 'The page or resource does not exist.' },
  method_not_allowed: { status: 405, description: 'This method is not allowed here.' },
  forbidden: { status: 403, description: 'You are not allowed to do this.' },
  csrf_failed: { status: 403, description: 'The form expired or was sent from another site. Please start again.' },
  rate_limited: { status: 429, description: 'Too many requests. Please wait a moment.' },
  internal_error: { status: 500, description: 'Something went wrong on our side.' },
  // upstream identity (inbound)
  country_unknown: { status: 400, description: 'This country is not available.' },
  saml_response_malformed: { status: 400, description: 'The identity provider sent a message we cannot read.' },
  saml_response_rejected: { status: 403, description: 'The identity provider\'s answer could not be trusted.' },
  saml_signature_invalid: { status: 403, description: 'The identity provider\'s signature is not valid.' },
  saml_algorithm_refused: { status: 403, description: 'The identity provider used a cryptographic algorithm we do not accept.' },
  saml_decryption_failed: { status: 403, description: 'The identity provider\'s answer could not be decrypted.' },
  saml_request_unknown: { status: 403, description: 'This answer does not belong to a login started in this browser, or it was already used.' },
  saml_attempts_exhausted: { status: 403, description: 'Too many answers to this login were refused. Please start again from the service you came from.' },
  saml_replay: { status: 403, description: 'This answer was already used.' },
  saml_expired: { status: 403, description: 'The identity provider\'s answer has expired.' },
  saml_audience_mismatch: { status: 403, description: 'The identity provider\'s answer was meant for someone else.' },
  saml_issuer_mismatch: { status: 403, description: 'The answer did not come from the expected identity provider.' },
  saml_destination_mismatch: { status: 403, description: 'The answer was sent to the wrong address.' },
  loa_too_low: { status: 403, description: 'The level of assurance of your login is lower than the service requires.' },
  authentication_cancelled: { status: 403, description: 'The login was cancelled.' },
  authentication_failed: { status: 403, description: 'The identity provider could not log you in.' },
  // EU Digital Identity Wallet (inbound OpenID4VP)
  wallet_unavailable: { status: 404, description: 'Login with the EU Digital Identity Wallet is not available here.' },
  wallet_transaction_unknown: { status: 404, description: 'This wallet login does not exist, has expired or was already used. Please start again from the service you came from.' },
  wallet_transaction_pending: { status: 409, description: 'Your wallet has not answered yet. Confirm the login in your wallet, then continue.' },
  wallet_response_malformed: { status: 400, description: 'Your wallet sent an answer we cannot read.' },
  wallet_response_replayed: { status: 403, description: 'This wallet answer was already used.' },
  wallet_declined: { status: 403, description: 'The login was cancelled in your wallet.' },
  wallet_nonce_mismatch: { status: 403, description: 'Your wallet\'s answer belongs to another login.' },
  wallet_audience_mismatch: { status: 403, description: 'Your wallet\'s answer was meant for another service.' },
  wallet_issuer_untrusted: { status: 403, description: 'The identity data in your wallet was not issued by a trusted PID provider.' },
  wallet_signature_invalid: { status: 403, description: 'The signature of the identity data in your wallet is not valid.' },
  wallet_key_binding_missing: { status: 403, description: 'Your wallet did not prove that it holds the identity data.' },
  wallet_key_binding_invalid: { status: 403, description: 'Your wallet\'s proof that it holds the identity data is not valid.' },
  wallet_disclosure_invalid: { status: 403, description: 'The identity data in your wallet\'s answer was altered.' },
  wallet_credential_expired: { status: 403, description: 'The identity data in your wallet has expired or is not yet valid.' },
  wallet_credential_revoked: { status: 403, description: 'The identity data in your wallet was revoked or suspended by its issuer.' },
  wallet_status_unavailable: { status: 502, description: 'We could not check whether the identity data in your wallet is still valid. Please try again later.' },
  wallet_trusted_list_expired: { status: 503, description: 'We cannot check who issued the identity data in your wallet right now, as our list of trusted issuers is out of date. Please log in another way or try again later.' },
  wallet_pid_invalid: { status: 403, description: 'Your wallet did not send the person identification data this service needs.' },
  // downstream portals (OpenID Provider)
  login_flow_expired: { status: 400, description: 'This login has expired or was already completed. Please start again from the service you came from.' },
  metadata_invalid: { status: 502, description: 'The identity provider\'s metadata is invalid or untrusted.' },
  metadata_unavailable: { status: 503, description: 'The identity provider of this country is not available right now.' },
  // neutral model
  citizen_attribute_missing: { status: 403, description: 'A mandatory identity attribute was missing.' },
  citizen_attribute_malformed: { status: 403, description: 'An identity attribute was not in the expected form.' },
  person_identifier_invalid: { status: 403, description: 'The person identifier is not a valid eIDAS identifier for this country.' },
  representation_invalid: { status: 403, description: 'The identity provider\'s answer does not say who acts on behalf of whom as this login requires.' },
  // evidence
  evidence_type_unknown: { status: 400, description: 'This kind of evidence is not known.' },
  evidence_not_allowed: { status: 403, description: 'This service may not ask for this evidence.' },
  evidence_unavailable: { status: 502, description: 'The issuing authority could not provide the document.' },
  evidence_no_record: { status: 404, description: 'The issuing authority holds no such document for you.' },
  evidence_identity_mismatch: { status: 403, description: 'The issuing authority could not match your identity.' },
  evidence_loa_too_low: { status: 403, description: 'The issuing authority requires a higher level of assurance.' },
  consent_required: { status: 403, description: 'There is no valid consent for this access.' },
  credential_invalid: { status: 400, description: 'The credential could not be verified.' },
  evidence_flow_unknown: { status: 404, description: 'This evidence request does not exist or has expired. Return to the service and start again.' },
  evidence_flow_finished: { status: 409, description: 'This evidence request was already answered.' },
  invalid_token: { status: 401, description: 'The access token is missing, invalid or expired.' },
  // family mandates (representation)
  mandate_not_parent: { status: 403, description: 'This document does not show you as the parent or guardian of a child, so you cannot act for a child with it.' },
  mandate_ambiguous: { status: 403, description: 'This document could not be matched to you and one child without doubt, so you cannot act for a child with it.' },
  mandate_inactive: { status: 403, description: 'This mandate was revoked, has expired or its document was deleted.' },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class PasserelleError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly publicDescription: string;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ?? errorCatalogue[code].description, options);
    this.name = 'PasserelleError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.publicDescription = errorCatalogue[code].description;
  }
}

export function isPasserelleError(value: unknown): value is PasserelleError {
  return value instanceof PasserelleError;
}
