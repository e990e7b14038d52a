import type { SharingStatus } from './status-check.js';

/** What an official sees, online (/verify, POST /api/verify). Digests and metadata only, never attribute values. */
export interface VerificationReport {
  valid: boolean;
  status: SharingStatus;
  checked_at: string;
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
  document?: {
    digest: { alg: 'sha-256'; value: string };
    matches_attestation: boolean | null;
    matches_credential: boolean | null;
  };
}
