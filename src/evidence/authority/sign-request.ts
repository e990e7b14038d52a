import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { IssuingAuthorityConfig } from '../../config/schema.js';
import type { AppContext } from '../../context.js';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { loaUri } from '../../core/loa.js';
import { issuerOf } from './authorities.js';
import { evidenceRequestTyp, requestLifetimeSeconds, type EvidenceRequestClaims, type EvidenceRequestIdentity } from './protocol.js';

export interface EvidenceRequestInput {
  citizen: AuthenticatedCitizen;
  evidenceType: string;
  requester: { clientId: string; name: string };
  procedure: string;
  purpose: string;
  /** Passerelle's id of this explicit request; echoed to the authority for both sides' logs. */
  requestId: string;
}

/**
 * The signed request: ES256 with Passerelle's active evidence-signing key, kid in the header,
 * a fresh jti and at most a minute of life. It carries only the eIDAS minimum data set (for a
 * wallet login, the PID's administrative number in place of the identifier: requestIdentity).
 */
export async function signEvidenceRequest(ctx: AppContext, authority: IssuingAuthorityConfig, input: EvidenceRequestInput): Promise<{ jwt: string; claims: EvidenceRequestClaims }> {
  const key = ctx.keystore.active('evidence-signing', 'EC');
  const now = Math.floor(ctx.clock.now() / 1000);
  const claims: EvidenceRequestClaims = {
    iss: ctx.config.publicUrl,
    aud: issuerOf(authority),
    iat: now,
    exp: now + requestLifetimeSeconds,
    jti: randomUUID(),
    request_id: input.requestId,
    evidence_type: input.evidenceType,
    explicit_request: true,
    loa: loaUri(input.citizen.loa),
    identity: requestIdentity(input.citizen),
    requester: { client_id: input.requester.clientId, name: displayText(input.requester.name, 300) },
    procedure: input.procedure,
    purpose: displayText(input.purpose, 500),
  };
  const jwt = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: evidenceRequestTyp, kid: key.kid })
    .sign(key.privateKey!);
  return { jwt, claims };
}

/**
 * The identity the authority matches on (docs/evidence-authorities.md §2). A wallet login's
 * identifier is Passerelle's own, meaningless to an authority and never sent: the PID's issuing
 * country and administrative number stand in for it (without a number, names and birth date
 * alone, which the authority decides whether it can match).
 */
export function requestIdentity(citizen: AuthenticatedCitizen): EvidenceRequestIdentity {
  const person = { family_name: citizen.familyName, given_name: citizen.givenName, birthdate: citizen.dateOfBirth };
  if (citizen.source.protocol !== 'openid4vp') return { person_identifier: citizen.personIdentifier, ...person };
  return {
    issuing_country: citizen.country,
    ...(citizen.administrativeNumber ? { personal_administrative_number: citizen.administrativeNumber } : {}),
    ...person,
  };
}

/** Free text shown on the document: one line, bounded (the protocol's limits: name 300, purpose 500). */
function displayText(value: string, max: number): string {
  return value.replace(/\s+/g, ' ').trim().slice(0, max);
}
