import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { AppContext } from '../../context.js';
import { issuerId, issuerMetadataPath, statusListUri } from '../issuer.js';
import { statusValid } from '../status/lists.js';
import { trackerGroupCommit } from '../tracker/group-commit.js';
import type { Finding, VerificationReport } from '../verify/report.js';
import type { SharingStatus } from '../verify/status-check.js';
import { mandateVct, type MandateClaims } from './attestation.js';
import { findMandate, stateOfMandate, type MandateState } from './records.js';

const maxLength = 16 * 1024;

/** Whether a pasted attestation claims to be a representation attestation (then it is judged here, never as a sharing). */
export function isMandateAttestation(token: string): boolean {
  try {
    return decodeJwt(token.trim().split('~')[0]!).vct === mandateVct;
  } catch {
    return false;
  }
}

const stateWord: Record<MandateState, SharingStatus> = { active: 'valid', revoked: 'withdrawn', expired: 'expired', erased: 'erased' };

function failed(ctx: AppContext, reason: string): VerificationReport {
  return {
    valid: false, status: 'invalid', finding: 'attestation_invalid', checked_at: new Date(ctx.clock.now()).toISOString(),
    sharing: { checked: false, found_by: null }, attestation: { signature: 'failed', reason },
  };
}

/**
 * An official checks a mandate (/verify, POST /api/verify): Passerelle's signature with its
 * published evidence keys, the status-list entry and the mandate's own record (revoked,
 * erased with its document, expired), and says who may act for whom in what. Each check of
 * a known mandate is written to the parent's tracker (identical checks inside the window counted).
 */
export async function verifyMandate(ctx: AppContext, input: string): Promise<VerificationReport> {
  const token = input.trim();
  const parts = token.split('~');
  if (token.length > maxLength || parts.length !== 2 || parts[1] !== '') return failed(ctx, 'not a Passerelle attestation');
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(parts[0]!);
  } catch {
    return failed(ctx, 'unreadable JWT');
  }
  const key = ctx.keystore.published('evidence-signing').find((entry) => entry.kid === header.kid);
  if (header.typ !== 'dc+sd-jwt' || header.alg !== 'ES256' || !key?.publicKey) return failed(ctx, 'signed by a key Passerelle does not publish');
  let claims: MandateClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode((await compactVerify(parts[0]!, key.publicKey, { algorithms: ['ES256'] })).payload)) as MandateClaims;
  } catch {
    return failed(ctx, 'signature does not verify');
  }
  if (claims.iss !== issuerId(ctx) || claims.vct !== mandateVct || typeof claims.mandate_id !== 'string' || typeof claims.exp !== 'number') {
    return failed(ctx, 'not issued by this Passerelle');
  }
  const now = ctx.clock.now();
  const { uri, idx } = claims.status.status_list;
  const prefix = statusListUri(ctx, '');
  const entry = uri.startsWith(prefix) && Number.isInteger(idx)
    ? await ctx.db.knex('evidence_status_entries').where({ list_id: uri.slice(prefix.length), idx }).first('status', 'consent_id') as { status: number; consent_id: string } | undefined
    : undefined;
  const mandate = entry?.consent_id === claims.mandate_id ? await findMandate(ctx.db.knex, claims.mandate_id) : undefined;
  const state = mandate ? (await stateOfMandate(ctx.db.knex, mandate, now)).state : undefined;
  const expired = claims.exp * 1000 <= now;
  let status: SharingStatus = !mandate || !state ? 'unknown' : stateWord[state];
  if (status === 'valid' && (Number(entry!.status) !== statusValid)) status = 'invalid';
  if (status === 'valid' && expired) status = 'expired';
  const finding: Finding = status === 'valid' ? 'valid' : status === 'expired' ? 'expired' : `sharing_${status}`;
  const report: VerificationReport = {
    valid: finding === 'valid', status, finding, checked_at: new Date(now).toISOString(),
    sharing: { checked: Boolean(mandate), found_by: mandate ? 'attestation' : null },
    holder: { given_name: claims.representative.given_name, family_name: claims.representative.family_name, birthdate: claims.representative.birthdate },
    attestation: {
      signature: 'passed', issuer: claims.iss,
      trust_anchor: { kind: 'passerelle-evidence-signing-keys', metadata: new URL(issuerMetadataPath(ctx), ctx.config.publicUrl).href, kid: key.kid },
      expires_at: new Date(claims.exp * 1000).toISOString(), expired,
      status: { value: entry ? Number(entry.status) : null, uri, idx, state: status },
    },
    mandate: {
      mandate_id: claims.mandate_id, representative: claims.representative, represented: claims.represented,
      relationship: claims.relationship, procedure: claims.procedure, purpose: claims.purpose, portal: claims.recipient,
    },
  };
  if (mandate) {
    await trackerGroupCommit(ctx.db.knex).record(mandate.citizen_key, now, {
      event: 'verified', actorType: 'official', evidenceType: mandate.evidence_type, evidenceId: mandate.evidence_id, consentId: mandate.id,
      procedure: mandate.procedure, purpose: mandate.purpose, outcome: report.valid ? 'ok' : 'refused', detail: status,
    });
  }
  return report;
}
