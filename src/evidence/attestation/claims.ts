/**
 * The claims of Passerelle's sharing attestation: an SD-JWT VC (`typ: dc+sd-jwt`) stating
 * that a citizen shared one document, received from one authority, with one portal, for
 * one procedure and purpose, until an expiry, with a status-list entry that flips when the
 * consent ends. It carries digests, never the document's or the credential's content.
 */
export interface Sha256Digest { alg: 'sha-256'; value: string }

export interface AttestationClaims {
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  vct: string;
  status: { status_list: { idx: number; uri: string } };
  consent_id: string;
  evidence_type: string;
  /** SHA-256 (base64url) of the document bytes as the authority delivered them. */
  document_digest: Sha256Digest;
  document_media_type: string;
  /** SHA-256 (base64url) of the authority's SD-JWT VC exactly as delivered (compact form, ASCII). */
  authority_credential_digest: Sha256Digest;
  authority: { id: string; issuer: string; country: string };
  recipient: { client_id: string; name: string };
  procedure: string;
  purpose: string;
  legal_basis: string;
  /** NumericDate: when Passerelle received the document, when the citizen shared it. */
  fetched_at: number;
  shared_at: number;
}

export const attestationMediaType = 'application/dc+sd-jwt';
