/**
 * Lifetimes and limits of the OpenID4VCI issuer. Fixed on purpose: each is a security
 * property (docs/evidence.md, "Issuing to the citizen's wallet"), not a deployment choice.
 */
/** An offer (its pre-authorized code, tx_code and issuer_state) is usable this long. */
export const offerTtlMs = 10 * 60_000;
export const txCodeLength = 6;
/** Wrong tx_codes an offer survives; the next one exhausts it. */
export const txCodeMaxAttempts = 3;
export const authorizationCodeTtlMs = 60_000;
export const accessTokenTtlSeconds = 300;
export const nonceTtlMs = 5 * 60_000;
/** A key proof's `iat` may be this old, or this far in the future (clock skew). */
export const proofMaxAgeSeconds = 300;
export const proofSkewSeconds = 60;
/** Credentials per request (one per proof, each bound to its own key). */
export const batchSize = 10;
/** The recipient of the wallet consent, as it appears in evidence_consents.client_id. */
export const walletRecipient = 'urn:passerelle:eudi-wallet';
export const walletProcedure = 'eudi-wallet';
export const walletPurpose = 'Kept in the citizen\'s own EU Digital Identity Wallet';
export const preAuthorizedGrant = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
