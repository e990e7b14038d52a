import { digest, generateSalt } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { AppContext } from '../../context.js';
import type { Sha256Digest } from '../attestation/claims.js';
import { es256Signer, signingKey } from '../issuer.js';
import type { PersonClaims } from './who-qualifies.js';

/**
 * The representation attestation: an SD-JWT VC (`typ: dc+sd-jwt`) signed with the
 * evidence-signing key, stating that `representative` may act for `represented` in one
 * procedure, towards one portal, until `exp` (at most 30 days), with a Token Status List
 * entry that flips when the mandate ends. `basis` ties it to the document the relationship
 * was read from, by digest (the document itself is not in it).
 */
export const mandateVct = 'urn:passerelle:representation:1';

/** The longest a mandate lives (docs/evidence.md): representation attestations are short-lived. */
export const mandateMaxDays = 30;

export interface MandateClaims {
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  vct: string;
  status: { status_list: { idx: number; uri: string } };
  mandate_id: string;
  representative: PersonClaims;
  represented: PersonClaims;
  /** parent | guardian, as the document states it. */
  relationship: string;
  procedure: string;
  purpose: string;
  recipient: { client_id: string; name: string };
  basis: { evidence_type: string; document_digest: Sha256Digest; authority: { id: string; issuer: string; country: string } };
}

export async function signMandateAttestation(ctx: AppContext, claims: MandateClaims): Promise<string> {
  const key = signingKey(ctx);
  const sdjwt = new SDJwtVcInstance({ signer: es256Signer(key), signAlg: 'ES256', hasher: digest, hashAlg: 'sha-256', saltGenerator: generateSalt });
  return sdjwt.issue({ ...claims }, undefined, { header: { kid: key.kid } });
}
