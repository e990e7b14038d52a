import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import { clockToleranceSeconds, evidenceRequestTyp, maxRequestLifetimeSeconds, AuthorityRefusal } from './protocol.js';
import type { ReplayCache } from './replay-cache.js';
import { requesterKeysFor, type RequesterKeySource } from './requester-keys.js';

const printable = (s: string) => [...s].every((c) => c.charCodeAt(0) >= 0x20 && c !== '\u007f');
const text = (max: number) => z.string().min(1).max(max).refine(printable, 'control characters');

/** The request's claims after the signature checked out (explicit_request is checked separately). */
const claimsSchema = z.object({
  iss: text(300),
  aud: text(300),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: text(200),
  request_id: text(200),
  evidence_type: text(100),
  explicit_request: z.unknown().optional(),
  loa: text(100),
  // An eIDAS identity (person_identifier) or a wallet PID's (issuing_country and, when the PID has
  // one, personal_administrative_number): never both, never neither.
  identity: z.object({
    person_identifier: text(300).optional(),
    issuing_country: z.string().regex(/^[A-Z]{2}$/).optional(),
    personal_administrative_number: text(256).optional(),
    family_name: text(200),
    given_name: text(200),
    birthdate: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  }).refine((i) => (i.person_identifier === undefined) === (i.issuing_country !== undefined), 'person_identifier or issuing_country')
    .refine((i) => i.personal_administrative_number === undefined || i.issuing_country !== undefined, 'personal_administrative_number without issuing_country'),
  requester: z.object({ client_id: text(200), name: text(300) }),
  procedure: text(200),
  purpose: text(500),
});
export type VerifiedEvidenceRequest = z.infer<typeof claimsSchema>;

/**
 * Checks a request JWT in a fixed order: shape and typ, the requester's signature (key by kid
 * from its published JWKS), audience, lifetime ≤ 60 s, then the one-time jti. Only a request
 * that passed all of these reaches the business checks.
 */
export async function verifyEvidenceRequest(
  jwt: string, deps: { audience: string; keys: RequesterKeySource; replay: ReplayCache; clock: Clock },
): Promise<VerifiedEvidenceRequest> {
  let iss: unknown;
  try {
    const header = decodeProtectedHeader(jwt);
    if (header.typ !== evidenceRequestTyp) throw new Error('typ');
    if (header.alg !== 'ES256' || typeof header.kid !== 'string') throw new Error('alg/kid');
    iss = decodeJwt(jwt).iss;
  } catch {
    throw new AuthorityRefusal('invalid_request', 'not an ES256 evidence-request JWT with a kid');
  }
  if (typeof iss !== 'string') throw new AuthorityRefusal('invalid_request', 'no iss');
  const keys = requesterKeysFor(deps.keys, iss);
  if (typeof keys === 'string') throw new AuthorityRefusal('invalid_request', keys, 401);
  const now = deps.clock.now();
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(jwt, keys, {
      algorithms: ['ES256'], typ: evidenceRequestTyp, audience: deps.audience, issuer: iss,
      requiredClaims: ['iat', 'exp', 'jti'], clockTolerance: clockToleranceSeconds, currentDate: new Date(now),
    }));
  } catch (error) {
    throw new AuthorityRefusal('invalid_request', `signature or claims refused (${(error as { code?: string }).code ?? 'error'})`, 401);
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new AuthorityRefusal('invalid_request', `malformed claim ${parsed.error.issues[0]?.path.join('.') ?? ''}`);
  const claims = parsed.data;
  if (claims.exp - claims.iat > maxRequestLifetimeSeconds || claims.exp <= claims.iat) {
    throw new AuthorityRefusal('invalid_request', 'the request lives longer than 60 seconds');
  }
  if (claims.iat * 1000 > now + clockToleranceSeconds * 1000) throw new AuthorityRefusal('invalid_request', 'issued in the future');
  // Remembered until exp (plus tolerance): a captured request cannot be sent twice.
  if (!deps.replay.consume(`${claims.iss} ${claims.jti}`, (claims.exp + clockToleranceSeconds) * 1000, now)) {
    throw new AuthorityRefusal('invalid_request', 'jti already used', 401);
  }
  return claims;
}
