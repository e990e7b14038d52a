/**
 * Why the demo IdP refused something. The code and status go on the error page; `detail`
 * goes to the log only (it may name a URL or an algorithm, never a SAML message).
 */
export const demoIdpErrors = {
  not_found: { status: 404, message: 'This page does not exist.' },
  sp_unavailable: { status: 503, message: 'The service provider metadata cannot be loaded right now.' },
  request_missing: { status: 400, message: 'No SAML authentication request was sent.' },
  request_malformed: { status: 400, message: 'The SAML authentication request cannot be read.' },
  request_unsigned: { status: 403, message: 'The SAML authentication request is not signed.' },
  request_signature_invalid: { status: 403, message: 'The signature of the SAML authentication request is not valid.' },
  request_algorithm_refused: { status: 403, message: 'The SAML authentication request uses a signature algorithm this IdP does not accept.' },
  request_issuer_unknown: { status: 403, message: 'The SAML authentication request comes from an unknown service provider.' },
  request_destination_wrong: { status: 400, message: 'The SAML authentication request was meant for another IdP.' },
  request_expired: { status: 400, message: 'The SAML authentication request is too old or from the future.' },
  request_acs_unknown: { status: 400, message: 'The SAML authentication request asks for an answer at an unregistered address.' },
  request_unsupported: { status: 400, message: 'The SAML authentication request asks for something this IdP cannot do.' },
  login_unknown: { status: 400, message: 'This login is unknown or has expired. Please start again from the service.' },
  citizen_unknown: { status: 400, message: 'Please choose one of the listed persons.' },
  loa_not_certified: { status: 400, message: 'This identity provider is not certified for that level of assurance.' },
  encryption_impossible: { status: 502, message: 'The service provider publishes no RSA encryption certificate.' },
} as const;

export type DemoIdpErrorCode = keyof typeof demoIdpErrors;

export class DemoIdpError extends Error {
  readonly code: DemoIdpErrorCode;
  readonly status: number;
  readonly publicMessage: string;

  constructor(code: DemoIdpErrorCode, detail?: string) {
    super(detail ?? demoIdpErrors[code].message);
    this.name = 'DemoIdpError';
    this.code = code;
    this.status = demoIdpErrors[code].status;
    this.publicMessage = demoIdpErrors[code].message;
  }
}
