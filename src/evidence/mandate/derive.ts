import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { AppContext } from '../../context.js';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import type { ItemRow } from '../vault/items.js';
import { openItem } from '../vault/items.js';
import { whoQualifies, type Qualification } from './who-qualifies.js';

/** The subject of the authority's credential (for birth certificates the child is the subject). */
async function credentialSubject(credential: string): Promise<Record<string, unknown> | undefined> {
  try {
    const claims = await (await new SDJwtVcInstance({ hasher: digest }).decode(credential)).getClaims<Record<string, unknown>>(digest);
    const subject = claims.subject;
    return subject && typeof subject === 'object' && !Array.isArray(subject) ? subject as Record<string, unknown> : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a vault document for a mandate: who it lets the citizen act for. The credential was
 * verified against the authority's keys when the document was fetched, and the vault is
 * sealed, so what is read here is what the authority signed.
 */
export async function qualificationOf(ctx: AppContext, item: ItemRow, citizen: AuthenticatedCitizen): Promise<Qualification> {
  const opened = openItem(ctx, item);
  const subject = item.evidence_type === 'birth' ? await credentialSubject(opened.credential) : undefined;
  return whoQualifies({ evidenceType: item.evidence_type, data: opened.data, ...(subject ? { subject } : {}), citizen, now: ctx.clock.now() });
}
