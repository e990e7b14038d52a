/** What /verify and POST /api/verify say about a wallet presentation of a Passerelle credential. */
export type DigestCheck = 'match' | 'mismatch' | 'not_disclosed' | 'not_given';

export interface PresentationReport {
  valid: boolean;
  /** Why not valid, as a stable code (absent when valid). */
  failure?: 'malformed' | 'issuer_unknown' | 'signature_invalid' | 'type_unknown' | 'expired' | 'disclosure_invalid' | 'holder_binding_invalid' | 'revoked' | 'status_unknown' | 'digest_mismatch';
  format?: 'dc+sd-jwt' | 'mso_mdoc';
  issuer?: { id: string; kid?: string };
  evidence_type?: string;
  holder_binding?: 'passed' | 'failed';
  status?: { state: 'valid' | 'invalid' | 'unknown'; uri?: string; idx?: number };
  valid_until?: string;
  digests?: { document: DigestCheck; authority_credential: DigestCheck };
  /** Exactly the claims the holder disclosed, with their labels in the requested language. */
  disclosed?: Array<{ claim: string; label: string; value: unknown }>;
  not_disclosed?: string[];
}
