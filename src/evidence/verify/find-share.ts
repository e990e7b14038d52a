import type { AppContext } from '../../context.js';
import { findConsent, stateOfConsent, type ConsentRow } from '../consent/records.js';
import { sha256Digest } from '../vault/envelope.js';

export type ShareLink = 'share' | 'credential' | 'document';

const consentIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A share id as an official may type or paste it, or undefined when it cannot be one. */
export function shareIdOf(value: string): string | undefined {
  const id = value.trim().toLowerCase();
  return consentIdPattern.test(id) ? id : undefined;
}

/**
 * The sharing an official's input belongs to when no attestation names it: a share id, or
 * the SHA-256 of the authority's credential or of the document as Passerelle stored it. A
 * document shared more than once is judged by a sharing still in force, else the latest.
 */
export async function findShare(ctx: AppContext, input: { shareId?: string; credential?: string; document?: Buffer }): Promise<{ consent: ConsentRow; via: ShareLink } | undefined> {
  if (input.shareId !== undefined) {
    const id = shareIdOf(input.shareId);
    const consent = id ? await findConsent(ctx.db.knex, id) : undefined;
    return consent ? { consent, via: 'share' } : undefined;
  }
  const by = input.credential !== undefined
    ? { column: 'credential_digest', digest: sha256Digest(input.credential.trim()), via: 'credential' as const }
    : input.document !== undefined ? { column: 'document_digest', digest: sha256Digest(input.document), via: 'document' as const } : undefined;
  if (!by) return undefined;
  const items = await ctx.db.knex('evidence_items').where(by.column, by.digest).pluck('id') as string[];
  if (items.length === 0) return undefined;
  const ids = await ctx.db.knex('evidence_consents').whereIn('evidence_id', items).orderBy('given_at', 'desc').pluck('id') as string[];
  const now = ctx.clock.now();
  let latest: ConsentRow | undefined;
  for (const id of ids) {
    const consent = await findConsent(ctx.db.knex, id);
    if (!consent) continue;
    latest ??= consent;
    if ((await stateOfConsent(ctx.db.knex, consent, now)).state === 'active') return { consent, via: by.via };
  }
  return latest ? { consent: latest, via: by.via } : undefined;
}
