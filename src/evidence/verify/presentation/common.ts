import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import { statusListUri } from '../../issuer.js';
import { statusValid } from '../../status/lists.js';
import { claimLabel, disclosableClaims } from '../../vci/claim-labels.js';
import type { DigestCheck, PresentationReport } from './report.js';

/** What the verifier asked the wallet for: its client id (KB-JWT `aud`) and nonce; for mdoc also its response URI. */
export interface PresentationExpectations {
  audience: string;
  nonce: string;
  responseUri?: string;
  /** Optional originals to tie the presentation to: the authority's document bytes and its credential. */
  document?: Buffer;
  credential?: string;
  lang: string;
}

export const keyBindingMaxAgeSeconds = 600;
export const skewSeconds = 60;

/** Passerelle is the status list's publisher: its entry is read where it is kept. */
export async function credentialStatus(ctx: AppContext, status: unknown): Promise<NonNullable<PresentationReport['status']>> {
  const ref = (status as { status_list?: { uri?: unknown; idx?: unknown } } | undefined)?.status_list;
  const uri = typeof ref?.uri === 'string' ? ref.uri : undefined;
  const idx = typeof ref?.idx === 'number' ? ref.idx : undefined;
  const prefix = statusListUri(ctx, '');
  if (!uri || idx === undefined || !uri.startsWith(prefix)) return { state: 'unknown', ...(uri ? { uri } : {}) };
  const entry = await ctx.db.knex('evidence_status_entries').where({ list_id: uri.slice(prefix.length), idx }).first('status') as { status: number } | undefined;
  if (!entry) return { state: 'unknown', uri, idx };
  return { state: Number(entry.status) === statusValid ? 'valid' : 'invalid', uri, idx };
}

function digestCheck(disclosed: unknown, original: Buffer | string | undefined): DigestCheck {
  const value = (disclosed as { value?: unknown } | undefined)?.value;
  if (typeof value !== 'string') return 'not_disclosed';
  if (original === undefined) return 'not_given';
  return createHash('sha256').update(original).digest('base64url') === value ? 'match' : 'mismatch';
}

/** The disclosed claims by label, the ones held back, and the digests against any originals given. */
export function disclosureReport(typeId: string, claims: Record<string, unknown>, expect: PresentationExpectations): Pick<PresentationReport, 'disclosed' | 'not_disclosed' | 'digests'> {
  const known = disclosableClaims(typeId);
  const disclosed = known.filter((claim) => claims[claim] !== undefined).map((claim) => ({ claim, label: claimLabel(typeId, claim, expect.lang), value: claims[claim] }));
  return {
    disclosed,
    not_disclosed: known.filter((claim) => claims[claim] === undefined),
    digests: {
      document: digestCheck(claims.document_digest, expect.document),
      authority_credential: digestCheck(claims.authority_credential_digest, expect.credential === undefined ? undefined : Buffer.from(expect.credential, 'ascii')),
    },
  };
}

/** The verdict: everything checked passed, the status is VALID and no given original contradicts a digest. */
export function verdict(report: PresentationReport): PresentationReport {
  if (report.failure) return { ...report, valid: false };
  if (report.status?.state === 'invalid') return { ...report, valid: false, failure: 'revoked' };
  if (report.status?.state !== 'valid') return { ...report, valid: false, failure: 'status_unknown' };
  if (report.digests && Object.values(report.digests).includes('mismatch')) return { ...report, valid: false, failure: 'digest_mismatch' };
  return { ...report, valid: true };
}
