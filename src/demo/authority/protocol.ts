/**
 * The demo authorities' copy of the evidence-request protocol (docs/evidence-authorities.md).
 * A foreign authority does not share code with Passerelle; test/demo/authority checks that
 * this copy and Passerelle's agree.
 */
export const evidenceRequestTyp = 'evidence-request+jwt';
export const evidenceRequestPath = '/evidence-requests';
export const requesterJwksPath = '/.well-known/evidence-requester-jwks.json';
export const issuerMetadataPath = '/.well-known/jwt-vc-issuer';
export const credentialTyp = 'dc+sd-jwt';
/** Longest accepted request lifetime (exp - iat), and the clock tolerance around it. */
export const maxRequestLifetimeSeconds = 60;
export const clockToleranceSeconds = 30;
export const maxRequestBytes = 16 * 1024;

export type AuthorityErrorCode =
  | 'no_record' | 'identity_mismatch' | 'loa_too_low' | 'invalid_request' | 'not_explicit' | 'unsupported_evidence_type'
  | 'server_error';

/** Each refusal with its HTTP status and the OOTS EDM error code closest to it. */
export const authorityErrors: Readonly<Record<AuthorityErrorCode, { status: number; edm: string; description: string }>> = {
  invalid_request: { status: 400, edm: 'EDM:ERR:0003', description: 'The request is malformed, unsigned, expired or replayed.' },
  not_explicit: { status: 403, edm: 'EDM:ERR:0002', description: 'The citizen did not explicitly request this evidence.' },
  unsupported_evidence_type: { status: 400, edm: 'EDM:ERR:0007', description: 'This authority does not issue this evidence type.' },
  loa_too_low: { status: 403, edm: 'EDM:ERR:0001', description: 'The level of assurance of the login is below this authority\'s minimum.' },
  no_record: { status: 404, edm: 'EDM:ERR:0004', description: 'No record of this evidence type is held for this person.' },
  identity_mismatch: { status: 403, edm: 'EDM:ERR:0001', description: 'The identity does not match the record held for this identifier.' },
  server_error: { status: 500, edm: 'EDM:ERR:0005', description: 'The authority could not answer.' },
};

export class AuthorityRefusal extends Error {
  constructor(readonly code: AuthorityErrorCode, readonly detail: string, readonly httpStatus = authorityErrors[code].status) {
    super(detail);
    this.name = 'AuthorityRefusal';
  }
}
