import { createHash, randomBytes } from 'node:crypto';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance, type SdJwtVcPayload } from '@sd-jwt/sd-jwt-vc';
import type { AuthorityIssuerKey } from './issuer-keys.js';

export interface CredentialInput {
  issuer: string;
  vct: string;
  evidenceType: string;
  country: string;
  documentNumber: string;
  documentBytes: Uint8Array;
  /** NumericDate seconds. */
  issuedAt: number;
  validUntil: number;
  /** The identifier the request matched on (person_identifier or personal_administrative_number), names, birth date. */
  subject: ({ person_identifier: string } | { personal_administrative_number: string }) & { family_name: string; given_name: string; birthdate: string };
  data: Record<string, unknown>;
}

/**
 * The authority's SD-JWT VC (typ dc+sd-jwt, ES256, kid in the header). Always visible: iss, iat,
 * exp, vct, evidence_type, document_digest (SHA-256 of the exact PDF bytes), document_number,
 * issuing_country. Selectively disclosable: each subject claim and each data field.
 * No `status`: the Token Status List entry belongs to Passerelle, which attests sharing.
 * No `cnf`: the credential is not bound to a holder key.
 */
export async function issueCredential(key: AuthorityIssuerKey, input: CredentialInput): Promise<string> {
  const instance = new SDJwtVcInstance({
    signer: await ES256.getSigner(key.privateJwk),
    signAlg: 'ES256',
    hasher: digest,
    hashAlg: 'sha-256',
    // 128-bit salts (RFC 9901 recommends at least 128 bits).
    saltGenerator: () => randomBytes(16).toString('base64url'),
  });
  const payload: SdJwtVcPayload = {
    iss: input.issuer,
    iat: input.issuedAt,
    exp: input.validUntil,
    vct: input.vct,
    evidence_type: input.evidenceType,
    issuing_country: input.country,
    document_number: input.documentNumber,
    document_digest: { alg: 'sha-256', value: createHash('sha256').update(input.documentBytes).digest('base64url') },
    subject: { ...input.subject },
    data: { ...input.data },
  };
  // The library types frames from the payload's static type; ours has open-ended `data`.
  const frame = {
    subject: { _sd: Object.keys(input.subject) },
    data: { _sd: Object.keys(input.data) },
  } as unknown as Parameters<SDJwtVcInstance['issue']>[1];
  return instance.issue(payload, frame, { header: { kid: key.kid } });
}
