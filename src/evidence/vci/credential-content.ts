import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { AppContext } from '../../context.js';
import type { ItemRow, OpenedItem } from '../vault/items.js';

/**
 * What a wallet credential says, whatever its format: the document's data fields, the person
 * it is about (as the authority's credential names her), the SHA-256 digests of the
 * authority's document and of its credential, and where it came from. Every one of these is
 * selectively disclosable, so even the digests (the same in every credential of a batch) are
 * shown only when the holder chooses to tie a presentation to the original.
 */
export interface CredentialContent {
  evidenceType: string;
  data: Record<string, unknown>;
  subject: Record<string, unknown>;
  documentDigest: { alg: 'sha-256'; value: string };
  authorityCredentialDigest: { alg: 'sha-256'; value: string };
  provenance: { authority: { id: string; issuer: string; country: string }; request_id: string; fetched_at: number };
}

export async function credentialContent(ctx: AppContext, item: ItemRow, opened: OpenedItem): Promise<CredentialContent> {
  const claims = await new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' }).decode(opened.credential)
    .then((sdJwt) => sdJwt.getClaims<Record<string, unknown>>(digest));
  const subject = claims.subject && typeof claims.subject === 'object' && !Array.isArray(claims.subject) ? claims.subject as Record<string, unknown> : {};
  const authority = ctx.config.issuingAuthorities.find((a) => a.id === item.authority_id);
  return {
    evidenceType: item.evidence_type,
    data: opened.data,
    subject,
    documentDigest: { alg: 'sha-256', value: item.document_digest },
    authorityCredentialDigest: { alg: 'sha-256', value: item.credential_digest },
    provenance: {
      authority: { id: item.authority_id, issuer: item.issuer, country: authority?.country ?? '' },
      request_id: item.request_id ?? item.id,
      fetched_at: Math.floor(item.fetched_at / 1000),
    },
  };
}

/** The selectively disclosable claims, by name (the same names in both formats). */
export function disclosable(content: CredentialContent): Record<string, unknown> {
  return {
    ...content.data,
    subject: content.subject,
    document_digest: content.documentDigest,
    authority_credential_digest: content.authorityCredentialDigest,
    provenance: content.provenance,
  };
}
