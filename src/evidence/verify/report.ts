import type { SharingStatus } from './status-check.js';

/** The verdict an official reads first: the worst finding (valid only if nothing is wrong and the sharing was checked). */
export type Finding =
  | 'valid' | 'attestation_invalid' | 'document_altered' | 'credential_invalid'
  | 'sharing_withdrawn' | 'sharing_erased' | 'sharing_invalid' | 'sharing_unknown' | 'expired' | 'sharing_not_checked';

/**
 * What an official sees, online (/verify, POST /api/verify). Digests and metadata, and the
 * holder's name and date of birth from a verified credential (so the document can be tied to
 * the applicant); no other attribute values.
 */
export interface VerificationReport {
  valid: boolean;
  status: SharingStatus;
  finding: Finding;
  checked_at: string;
  /** Whether the sharing's consent and status were checked, and how the sharing was found. */
  sharing: { checked: boolean; found_by: 'attestation' | 'share' | 'credential' | 'document' | null };
  holder?: { given_name: string; family_name: string; birthdate?: string };
  attestation?: {
    signature: 'passed' | 'failed';
    reason?: string;
    issuer?: string;
    trust_anchor?: { kind: 'passerelle-evidence-signing-keys'; metadata: string; kid?: string };
    evidence_type?: { id: string; title?: string };
    expires_at?: string;
    expired?: boolean;
    status?: { value: number | null; uri: string; idx: number; state: SharingStatus };
    scope?: {
      consent_id: string; portal: { client_id: string; name: string }; procedure: string; purpose: string; legal_basis: string;
    };
    provenance?: { authority: { id: string; name: string; country: string; issuer: string }; fetched_at: string; shared_at: string };
  };
  credential?: {
    signature: 'passed' | 'failed';
    reason?: string;
    issuer?: string;
    trust_anchor?: { kind: 'issuing-authority-issuer-metadata'; authority_id: string; country: string };
    evidence_type?: string;
    issued_at?: string;
    valid_until?: string;
    expired?: boolean;
    /** SHA-256 of this credential equals the attestation's authority_credential_digest. */
    matches_attestation: boolean | null;
  };
  /** A representation attestation (a family mandate): who may act for whom, in what, towards which portal. */
  mandate?: {
    mandate_id: string;
    representative: { given_name: string; family_name: string; birthdate: string };
    represented: { given_name: string; family_name: string; birthdate: string };
    relationship: string;
    procedure: string;
    purpose: string;
    portal: { client_id: string; name: string };
  };
  document?: {
    digest: { alg: 'sha-256'; value: string };
    matches_attestation: boolean | null;
    matches_credential: boolean | null;
  };
}
