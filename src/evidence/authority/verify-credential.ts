import { createHash } from 'node:crypto';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { evidenceTypeByVct, type EvidenceTypeId } from '../catalogue/index.js';
import { assertTransportAllowed, authorityByIssuer, issuerMetadataUrlOf } from './authorities.js';
import { checkDisclosuresReferenced } from './disclosures.js';
import { fetchIssuerKeys } from './issuer-keys.js';
import type { CredentialSubject } from './identity-match.js';
import { readCredentialClaims } from './credential-claims.js';
import type { DocumentDigest } from './protocol.js';

export const credentialTyp = 'dc+sd-jwt';
const maxCredentialLength = 64 * 1024;
const skewSeconds = 60;

export interface VerifyCredentialOptions {
  /** The evidence type the caller expects; a credential of another type is refused. */
  expectedType?: string;
  /** The document as received: its SHA-256 must equal the credential's document_digest. */
  documentBytes?: Uint8Array;
  /** The issuer the caller expects (e.g. the authority it asked). */
  expectedIssuer?: string;
  /** Report expiry in the result instead of refusing (officials' verification shows "expired"). */
  allowExpired?: boolean;
}

export interface VerifiedAuthorityCredential {
  issuer: string;
  authorityId: string;
  country: string;
  kid: string;
  vct: string;
  evidenceType: EvidenceTypeId;
  /** All disclosed claims (the SD-JWT's processed payload, `_sd_alg` removed). */
  claims: Record<string, unknown>;
  /** The disclosed parts of the subject block. */
  subject: CredentialSubject;
  /** The disclosed data fields. */
  data: Record<string, unknown>;
  documentDigest: DocumentDigest;
  documentNumber?: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  validUntil: number;
  expired: boolean;
}

/**
 * Verifies an issuing authority's SD-JWT VC: the issuer is a configured authority (our trust
 * anchor), the signature verifies with a key from its published issuer metadata, every
 * disclosure is referenced, the vct is a catalogue type, and (when given) the document bytes
 * hash to the signed digest. Any failure is `credential_invalid` with a private reason.
 */
export async function verifyAuthorityCredential(ctx: AppContext, credential: string, options: VerifyCredentialOptions = {}): Promise<VerifiedAuthorityCredential> {
  const parts = splitCompact(credential);
  const header = safely(() => decodeProtectedHeader(parts.jwt), 'the issuer JWT header is unreadable');
  if (header.typ !== credentialTyp) fail(`typ is ${String(header.typ)}, not ${credentialTyp}`);
  if (header.alg !== 'ES256') fail(`alg ${String(header.alg)} is not accepted`);
  if (typeof header.kid !== 'string' || header.kid === '') fail('the header names no kid');
  const unverified = safely(() => decodeJwt(parts.jwt), 'the issuer JWT payload is unreadable');
  const issuer = typeof unverified.iss === 'string' ? unverified.iss : fail('no iss');
  if (options.expectedIssuer !== undefined && issuer !== options.expectedIssuer) fail('issued by another authority than expected');
  const authority = authorityByIssuer(ctx, issuer) ?? fail('the issuer is not a configured issuing authority');
  const metadataUrl = issuerMetadataUrlOf(authority);
  safely(() => assertTransportAllowed(authority, metadataUrl), 'the issuer metadata URL is not allowed');

  const key = await issuerKey(metadataUrl, issuer, header.kid);
  const nowSeconds = Math.floor(ctx.clock.now() / 1000);
  const exp = typeof unverified.exp === 'number' ? unverified.exp : fail('no exp');
  const instance = new SDJwtVcInstance({
    hasher: digest,
    hashAlg: 'sha-256',
    verifier: async (data: string, signature: string) => {
      await compactVerify(`${data}.${signature}`, key, { algorithms: ['ES256'] });
      return true;
    },
  });
  const verified = await instance.verify(credential, {
    currentDate: options.allowExpired ? Math.min(nowSeconds, exp) : nowSeconds,
    skewSeconds,
  }).catch((error: unknown) => fail('signature or validity check failed', error));
  const claims = { ...(verified.payload as Record<string, unknown>) };
  delete claims._sd_alg;

  const disclosureProblem = checkDisclosuresReferenced(unverified as Record<string, unknown>, parts.disclosures);
  if (disclosureProblem) fail(disclosureProblem);
  const read = readCredentialClaims(claims);
  if (typeof read === 'string') fail(read);
  const type = evidenceTypeByVct(read.vct) ?? fail(`vct ${read.vct} is not in the catalogue`);
  if (read.evidenceType !== type.id) fail('evidence_type does not match vct');
  if (options.expectedType !== undefined && type.id !== options.expectedType) fail('the credential is of another evidence type');
  if (options.documentBytes) {
    const actual = createHash('sha256').update(options.documentBytes).digest('base64url');
    if (actual !== read.documentDigest.value) fail('the document does not match the signed digest');
  }
  return {
    issuer, authorityId: authority.id, country: authority.country, kid: header.kid, vct: read.vct, evidenceType: type.id,
    claims, subject: read.subject, data: read.data, documentDigest: read.documentDigest,
    ...(read.documentNumber !== undefined ? { documentNumber: read.documentNumber } : {}),
    issuedAt: read.iat * 1000, validUntil: read.exp * 1000, expired: read.exp + skewSeconds < nowSeconds,
  };
}

async function issuerKey(metadataUrl: string, issuer: string, kid: string): Promise<CryptoKey | Uint8Array> {
  let metadata = await fetchIssuerKeys(metadataUrl).catch((error: unknown) => fail('issuer metadata unavailable', error));
  if (metadata.issuer !== issuer) fail('issuer metadata names another issuer');
  let jwk = metadata.keys.find((k) => k.kid === kid);
  if (!jwk) {
    // Unknown kid: the authority may have rolled its key since we cached its metadata.
    metadata = await fetchIssuerKeys(metadataUrl, { refresh: true }).catch((error: unknown) => fail('issuer metadata unavailable', error));
    jwk = metadata.keys.find((k) => k.kid === kid);
  }
  if (!jwk) fail('the signing key is not published by the issuer');
  return importJWK({ ...(jwk as JWK), alg: 'ES256' }, 'ES256').catch((error: unknown) => fail('the published key is unusable', error));
}

function splitCompact(credential: string): { jwt: string; disclosures: string[] } {
  if (typeof credential !== 'string' || credential.length === 0 || credential.length > maxCredentialLength) fail('not a credential of acceptable size');
  const parts = credential.split('~');
  if (parts.length < 2) fail('not an SD-JWT (no ~)');
  // A trailing non-empty part would be a key-binding JWT; authority credentials are not holder-bound.
  if (parts[parts.length - 1] !== '') fail('unexpected key-binding JWT');
  return { jwt: parts[0]!, disclosures: parts.slice(1, -1) };
}

function safely<T>(run: () => T, reason: string): T {
  try {
    return run();
  } catch (error) {
    return fail(reason, error);
  }
}

function fail(reason: string, cause?: unknown): never {
  if (cause instanceof PasserelleError && cause.code !== 'credential_invalid') {
    throw new PasserelleError('credential_invalid', `${reason}: ${cause.message}`, { cause });
  }
  throw new PasserelleError('credential_invalid', reason, cause === undefined ? undefined : { cause });
}
