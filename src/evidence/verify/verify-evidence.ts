import type { AppContext } from '../../context.js';
import { isPasserelleError, PasserelleError } from '../../core/errors.js';
import { evidenceTitle } from '../catalogue/index.js';
import { findConsent, type ConsentRow } from '../consent/records.js';
import { issuerMetadataPath } from '../issuer.js';
import type { AuthorityCredentialCheck, AuthorityPort } from '../ports.js';
import { trackerGroupCommit } from '../tracker/group-commit.js';
import { sha256Digest } from '../vault/envelope.js';
import { findItem, openItem } from '../vault/items.js';
import { checkOwnAttestation } from './own-attestation.js';
import { isMandateAttestation, verifyMandate } from '../mandate/verify.js';
import { findShare } from './find-share.js';
import type { Finding, VerificationReport } from './report.js';
import { attestationStatus, type StatusCheck } from './status-check.js';

export interface VerificationInput { attestation?: string; credential?: string; document?: Buffer; shareId?: string }

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/**
 * Verifies what an official holds: Passerelle's attestation (signature against our published
 * keys, status, expiry, scope, provenance), the authority's credential (against the
 * authority's published keys), and the document (digest). Without an attestation the sharing
 * is found from the share id, the credential or the document digest, so its consent and
 * status are always checked when the input can be tied to one; when it cannot, the report says
 * so and is never valid. Every verification of a known sharing is written to the citizen's tracker.
 */
export async function verifyEvidence(ctx: AppContext, authorities: AuthorityPort, input: VerificationInput): Promise<VerificationReport> {
  let { attestation, credential, document } = input;
  // A family mandate's attestation has its own record and status (src/evidence/mandate).
  if (attestation && isMandateAttestation(attestation)) return verifyMandate(ctx, attestation);
  if (!attestation && !credential && !document && input.shareId === undefined) throw new PasserelleError('bad_request', 'nothing to verify');
  // Without an attestation, the sharing is found from what the official holds, so its consent and status are checked too.
  const share = attestation ? undefined : await findShare(ctx, input.shareId !== undefined ? { shareId: input.shareId } : { ...(credential ? { credential } : {}), ...(document ? { document } : {}) });
  if (input.shareId !== undefined && !share) throw new PasserelleError('not_found', 'no sharing with this id');
  let stored: { credential: string; document: Buffer } | undefined;
  if (share) {
    attestation = share.consent.attestation;
    const item = await findItem(ctx.db.knex, share.consent.evidence_id);
    if (item?.state === 'stored') stored = openItem(ctx, item);
    // A share link verifies the originals; a credential or document found by its digest is judged as presented.
    credential ??= stored?.credential;
    if (share.via === 'share') document ??= stored?.document;
  }
  const report: VerificationReport = {
    valid: true, status: 'valid', finding: 'valid', checked_at: new Date(ctx.clock.now()).toISOString(),
    sharing: attestation ? { checked: true, found_by: share?.via ?? 'attestation' } : { checked: false, found_by: null },
  };

  const own = attestation ? await checkOwnAttestation(ctx, attestation.trim()) : undefined;
  const claims = own?.claims;
  const status = claims ? await attestationStatus(ctx, claims) : undefined;
  if (own) {
    // An attestation that is not ours (or was altered) names no sharing we could check.
    if (!claims || !status) report.sharing = { checked: false, found_by: null };
    report.attestation = { signature: own.signature, ...(own.reason ? { reason: own.reason } : {}) };
    if (claims && status) Object.assign(report.attestation, describeAttestation(ctx, claims, status, own.kid));
    report.status = report.attestation.status?.state ?? 'invalid';
  }

  let checked: AuthorityCredentialCheck | undefined;
  if (credential) {
    const trimmed = credential.trim();
    const matchesAttestation = claims ? sha256Digest(trimmed) === claims.authority_credential_digest.value : null;
    try {
      checked = await authorities.verifyAuthorityCredential(ctx, trimmed, { allowExpired: true, ...(claims ? { expectedType: claims.evidence_type } : {}) });
      const { given_name: given, family_name: family, birthdate } = checked.subject;
      if (typeof given === 'string' && typeof family === 'string') {
        report.holder = { given_name: given, family_name: family, ...(typeof birthdate === 'string' ? { birthdate } : {}) };
      }
      report.credential = {
        signature: 'passed', issuer: checked.issuer,
        trust_anchor: { kind: 'issuing-authority-issuer-metadata', authority_id: checked.authorityId, country: checked.country },
        evidence_type: checked.evidenceType, issued_at: new Date(checked.issuedAt).toISOString(),
        valid_until: new Date(checked.validUntil).toISOString(), expired: checked.expired,
        matches_attestation: matchesAttestation,
      };
    } catch (error) {
      if (!isPasserelleError(error) || error.code !== 'credential_invalid') throw error;
      report.credential = { signature: 'failed', reason: error.message, matches_attestation: matchesAttestation };
    }
  }
  if (document) {
    const digest = sha256Digest(document);
    report.document = {
      digest: { alg: 'sha-256', value: digest },
      matches_attestation: claims ? digest === claims.document_digest.value : null,
      matches_credential: checked ? digest === checked.documentDigest.value : null,
    };
  }
  report.finding = worstFinding(report);
  report.valid = report.finding === 'valid';
  if (!report.attestation) report.status = report.credential?.expired ? 'expired' : report.credential?.signature === 'passed' ? 'unknown' : 'invalid';
  await logVerification(ctx, claims?.consent_id, report, status?.consent);
  return report;
}

function describeAttestation(ctx: AppContext, claims: NonNullable<Awaited<ReturnType<typeof checkOwnAttestation>>['claims']>, status: StatusCheck, kid?: string) {
  const authorityName = ctx.config.issuingAuthorities.find((a) => a.id === claims.authority.id)?.name;
  const title = evidenceTitle(claims.evidence_type, 'en');
  return {
    issuer: claims.iss,
    trust_anchor: { kind: 'passerelle-evidence-signing-keys' as const, metadata: new URL(issuerMetadataPath(ctx), ctx.config.publicUrl).href, ...(kid ? { kid } : {}) },
    evidence_type: { id: claims.evidence_type, ...(title ? { title } : {}) },
    expires_at: iso(claims.exp), expired: claims.exp * 1000 <= ctx.clock.now(),
    status: { value: status.listValue, uri: status.uri, idx: status.idx, state: status.status },
    scope: { consent_id: claims.consent_id, portal: claims.recipient, procedure: claims.procedure, purpose: claims.purpose, legal_basis: claims.legal_basis },
    provenance: {
      authority: { ...claims.authority, name: authorityName?.en ?? Object.values(authorityName ?? {})[0] ?? claims.authority.id },
      fetched_at: iso(claims.fetched_at), shared_at: iso(claims.shared_at),
    },
  };
}

/**
 * The one verdict at the top: the worst of the findings, most serious first. Valid only when
 * everything presented checks out, fits together, and the sharing (consent and status) was
 * checked and is in force.
 */
function worstFinding(report: VerificationReport): Finding {
  const a = report.attestation;
  const c = report.credential;
  const d = report.document;
  if (a && a.signature !== 'passed') return 'attestation_invalid';
  if (d && (d.matches_attestation === false || d.matches_credential === false)) return 'document_altered';
  if (c && (c.signature !== 'passed' || c.matches_attestation === false)) return 'credential_invalid';
  const state = a?.status?.state;
  if (state === 'withdrawn' || state === 'erased' || state === 'invalid' || state === 'unknown') return `sharing_${state}`;
  if (a?.expired || state === 'expired' || c?.expired) return 'expired';
  if (!a) return 'sharing_not_checked';
  return 'valid';
}

/** `known`: the consent the status check already read (null when it found none), so it is read once. */
async function logVerification(ctx: AppContext, consentId: string | undefined, report: VerificationReport, known?: ConsentRow | null): Promise<void> {
  const consent = known !== undefined ? known : consentId ? await findConsent(ctx.db.knex, consentId) : undefined;
  if (!consent) return;
  // Committed before the answer, in a batch with the verifications arriving together (group-commit.ts).
  await trackerGroupCommit(ctx.db.knex).record(consent.citizen_key, ctx.clock.now(), {
    event: 'verified', actorType: 'official', evidenceType: consent.evidence_type, evidenceId: consent.evidence_id, consentId: consent.id,
    procedure: consent.procedure, purpose: consent.purpose, outcome: report.valid ? 'ok' : 'refused', detail: report.status,
  });
}
