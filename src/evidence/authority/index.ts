/** Passerelle's side of the issuing-authority protocol (docs/evidence-authorities.md). */
export { requestEvidence, type FetchedEvidence, type RequestEvidenceInput } from './client.js';
export { verifyAuthorityCredential, type VerifiedAuthorityCredential, type VerifyCredentialOptions } from './verify-credential.js';
export { fetchIssuerKeys, clearIssuerKeysCache, type IssuerKeys } from './issuer-keys.js';
export { authorityFor, authorityById, authorityByIssuer, issuerOf, issuerMetadataUrlOf } from './authorities.js';
export { requesterJwksFeature } from './requester-jwks.js';
export { subjectMatchesCitizen, normalizeName } from './identity-match.js';
export * from './protocol.js';
