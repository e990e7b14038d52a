import type { CredentialSubject } from './identity-match.js';
import type { DocumentDigest } from './protocol.js';

export interface CredentialClaims {
  vct: string;
  evidenceType: string;
  documentDigest: DocumentDigest;
  documentNumber?: string;
  iat: number;
  exp: number;
  subject: CredentialSubject;
  data: Record<string, unknown>;
}

const base64urlSha256 = /^[A-Za-z0-9_-]{43}$/;

/**
 * Reads the claims Passerelle relies on from a verified credential's disclosed payload.
 * Returns a reason string when a claim is missing or malformed.
 */
export function readCredentialClaims(claims: Record<string, unknown>): CredentialClaims | string {
  const { vct, evidence_type: evidenceType, document_digest: digest, document_number: documentNumber, iat, exp } = claims;
  if (typeof vct !== 'string' || vct === '') return 'no vct';
  if (typeof evidenceType !== 'string') return 'no evidence_type';
  if (typeof iat !== 'number' || !Number.isInteger(iat)) return 'no iat';
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp <= iat) return 'no exp after iat';
  if (!isObject(digest) || digest.alg !== 'sha-256' || typeof digest.value !== 'string' || !base64urlSha256.test(digest.value)) {
    return 'document_digest is missing or not a sha-256 base64url value';
  }
  if (documentNumber !== undefined && typeof documentNumber !== 'string') return 'document_number is not a string';
  const subject = claims.subject === undefined ? {} : claims.subject;
  if (!isObject(subject)) return 'subject is not an object';
  const data = claims.data === undefined ? {} : claims.data;
  if (!isObject(data)) return 'data is not an object';
  return {
    vct, evidenceType, iat, exp,
    documentDigest: { alg: 'sha-256', value: digest.value },
    ...(documentNumber !== undefined ? { documentNumber } : {}),
    subject: subject as CredentialSubject,
    data,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}
