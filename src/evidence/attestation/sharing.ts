import type { AppContext } from '../../context.js';
import { sharingLegalBasis } from '../consent/records.js';
import { attestationVct, issuerId, statusListUri } from '../issuer.js';
import type { ItemRow } from '../vault/items.js';
import { issueAttestation } from './issue.js';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** One sharing of one fetched document: with a portal's procedure, or with the citizen's own wallet. */
export interface Sharing {
  item: ItemRow;
  consentId: string;
  status: { listId: string; idx: number };
  recipient: { client_id: string; name: string };
  procedure: string;
  purpose: string;
  expiresAt: number;
  now: number;
}

/** The signed sharing attestation of a new consent (claims in attestation/claims.ts). */
export async function attestSharing(ctx: AppContext, s: Sharing): Promise<string> {
  const { item, now } = s;
  const authority = ctx.config.issuingAuthorities.find((a) => a.id === item.authority_id);
  return issueAttestation(ctx, {
    iss: issuerId(ctx), iat: seconds(now), nbf: seconds(now), exp: seconds(s.expiresAt), vct: attestationVct,
    status: { status_list: { idx: s.status.idx, uri: statusListUri(ctx, s.status.listId) } },
    consent_id: s.consentId, evidence_type: item.evidence_type,
    document_digest: { alg: 'sha-256', value: item.document_digest }, document_media_type: item.media_type,
    authority_credential_digest: { alg: 'sha-256', value: item.credential_digest },
    authority: { id: item.authority_id, issuer: item.issuer, country: authority?.country ?? '' },
    recipient: s.recipient, procedure: s.procedure, purpose: s.purpose, legal_basis: sharingLegalBasis,
    fetched_at: seconds(item.fetched_at), shared_at: seconds(now),
  });
}
