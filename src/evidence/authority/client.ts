import type { AppContext } from '../../context.js';
import { isPasserelleError, PasserelleError } from '../../core/errors.js';
import { isKnownEvidenceType } from '../catalogue/index.js';
import { canonicalJson } from '../tracker/canonical.js';
import { readSuccess, errorFromResponse } from './authority-response.js';
import { assertTransportAllowed, authorityById, issuerOf } from './authorities.js';
import { fetchLimited } from './http.js';
import { subjectMatchesCitizen } from './identity-match.js';
import { evidenceRequestPath, maxResponseBytes, requestTimeoutMs } from './protocol.js';
import { signEvidenceRequest, type EvidenceRequestInput } from './sign-request.js';
import { verifyAuthorityCredential } from './verify-credential.js';

export interface RequestEvidenceInput extends EvidenceRequestInput {
  /** Configured issuing authority (see authorityFor to pick one by country and type). */
  authorityId: string;
}

export interface FetchedEvidence {
  document: { mediaType: string; filename: string; bytes: Buffer };
  /** The authority's SD-JWT VC, compact, all disclosures included. */
  credential: string;
  /** Structured data as signed in the credential. */
  data: Record<string, unknown>;
  /** Epoch milliseconds. */
  issuedAt: number;
  validUntil: number;
  /** The credential's `iss` (the authority's URL). */
  issuer: string;
  authorityId: string;
}

/**
 * Fetches one document from the citizen's home authority on the citizen's explicit request,
 * and accepts it only if the authority's credential verifies, is of the requested type, hashes
 * the PDF we received, and is about this citizen. Refusals map to evidence_no_record,
 * evidence_identity_mismatch, evidence_loa_too_low; everything else to evidence_unavailable.
 */
export async function requestEvidence(ctx: AppContext, input: RequestEvidenceInput): Promise<FetchedEvidence> {
  if (!isKnownEvidenceType(input.evidenceType)) throw new PasserelleError('evidence_type_unknown');
  const authority = authorityById(ctx, input.authorityId);
  if (!authority.evidenceTypes.includes(input.evidenceType)) {
    throw new PasserelleError('evidence_unavailable', `authority ${authority.id} does not issue ${input.evidenceType}`);
  }
  if (authority.country !== input.citizen.country) {
    throw new PasserelleError('evidence_unavailable', `authority ${authority.id} is not in the citizen's home country`);
  }
  const endpoint = issuerOf(authority) + evidenceRequestPath;
  assertTransportAllowed(authority, endpoint);
  const { jwt } = await signEvidenceRequest(ctx, authority, input);
  const log = { authorityId: authority.id, evidenceType: input.evidenceType, requestId: input.requestId };
  try {
    const response = await fetchLimited(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/jwt', accept: 'application/json' },
      body: jwt,
      timeoutMs: requestTimeoutMs,
      maxBytes: maxResponseBytes,
    });
    if (response.status !== 200) throw errorFromResponse(response);
    const fetched = await acceptAnswer(ctx, input, authority.id, issuerOf(authority), response);
    ctx.logger.info({ ...log, outcome: 'fetched' }, 'evidence fetched from issuing authority');
    return fetched;
  } catch (error) {
    const failure = isPasserelleError(error) ? error : new PasserelleError('evidence_unavailable', 'fetch failed', { cause: error });
    ctx.logger.warn({ ...log, outcome: failure.code, reason: failure.message }, 'evidence fetch refused or failed');
    throw failure;
  }
}

async function acceptAnswer(
  ctx: AppContext, input: RequestEvidenceInput, authorityId: string, issuer: string, response: Awaited<ReturnType<typeof fetchLimited>>,
): Promise<FetchedEvidence> {
  const { body, documentBytes } = readSuccess(response);
  const verified = await verifyAuthorityCredential(ctx, body.credential, {
    expectedType: input.evidenceType, documentBytes, expectedIssuer: issuer,
  }).catch((error: unknown) => {
    throw new PasserelleError('evidence_unavailable', `the authority's credential was refused: ${(error as Error).message}`, { cause: error });
  });
  if (!subjectMatchesCitizen(verified.subject, input.citizen)) {
    throw new PasserelleError('evidence_unavailable', 'the credential is about someone else');
  }
  if (verified.issuedAt !== body.issued_at * 1000 || verified.validUntil !== body.valid_until * 1000) {
    throw new PasserelleError('evidence_unavailable', 'issued_at or valid_until differ from the credential');
  }
  if (canonicalJson(verified.data) !== canonicalJson(body.data)) {
    throw new PasserelleError('evidence_unavailable', 'the data differ from the credential');
  }
  if (verified.expired) throw new PasserelleError('evidence_unavailable', 'the credential is already expired');
  return {
    document: { mediaType: body.document.media_type, filename: body.document.filename, bytes: documentBytes },
    credential: body.credential,
    data: verified.data,
    issuedAt: verified.issuedAt,
    validUntil: verified.validUntil,
    issuer: verified.issuer,
    authorityId,
  };
}
