/**
 * Passerelle ⇄ issuing authority protocol, Passerelle's side (docs/evidence-authorities.md).
 * The demo authorities keep their own copy of these constants: they are a foreign system
 * and never import broker code; test/demo/authority checks that both copies agree.
 */

/** JOSE `typ` of the request JWT, so no other Passerelle-signed JWT can pass for a request. */
export const evidenceRequestTyp = 'evidence-request+jwt';
/** Path appended to the authority's configured URL. */
export const evidenceRequestPath = '/evidence-requests';
/** Where Passerelle publishes the public keys that sign its requests. */
export const requesterJwksPath = '/.well-known/evidence-requester-jwks.json';
/** SD-JWT VC issuer metadata, relative to the authority's URL. */
export const issuerMetadataPath = '/.well-known/jwt-vc-issuer';

/** A request lives at most this long; authorities refuse longer-lived ones. */
export const requestLifetimeSeconds = 60;
export const requestTimeoutMs = 10_000;
/** Upper bound of an authority's whole JSON answer (the PDF travels base64 inside it). */
export const maxResponseBytes = 4 * 1024 * 1024;
export const maxDocumentBytes = 2 * 1024 * 1024;
export const maxMetadataBytes = 64 * 1024;

/**
 * Who the document is for. An eIDAS login names her by her `person_identifier`; a wallet login
 * (whose identifier Passerelle made) by the PID's `personal_administrative_number` and the country
 * that issued the PID, when the PID has one. Exactly one of the two; names and birth date always.
 */
export type EvidenceRequestIdentity = { family_name: string; given_name: string; birthdate: string } & (
  | { person_identifier: string }
  | { issuing_country: string; personal_administrative_number?: string }
);

/** The claims of the request JWT. */
export interface EvidenceRequestClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
  request_id: string;
  evidence_type: string;
  /** The citizen asked for this fetch (SDGR Art. 14(3)(a)); authorities refuse anything else. */
  explicit_request: true;
  /** eIDAS LoA URI of the citizen's login. */
  loa: string;
  identity: EvidenceRequestIdentity;
  requester: { client_id: string; name: string };
  procedure: string;
  purpose: string;
}

/** Successful answer. Times are NumericDate (seconds), as in the credential. */
export interface EvidenceResponseBody {
  document: { media_type: string; filename: string; content: string };
  credential: string;
  data: Record<string, unknown>;
  issued_at: number;
  valid_until: number;
}

export const authorityErrorCodes = [
  'no_record', 'identity_mismatch', 'loa_too_low', 'invalid_request', 'not_explicit', 'unsupported_evidence_type', 'server_error',
] as const;
export type AuthorityErrorCode = (typeof authorityErrorCodes)[number];

/** Claims inside the authority's SD-JWT VC that Passerelle relies on. */
export interface DocumentDigest { alg: 'sha-256'; value: string }
