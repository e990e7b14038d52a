import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { IssuingAuthorityConfig } from '../../config/schema.js';
import type { AppContext } from '../../context.js';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { loaUri } from '../../core/loa.js';
import { issuerOf } from './authorities.js';
import { evidenceRequestTyp, requestLifetimeSeconds, type EvidenceRequestClaims } from './protocol.js';

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
 * a fresh jti and at most a minute of life. It carries only the eIDAS minimum data set.
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
    identity: {
      person_identifier: input.citizen.personIdentifier,
      family_name: input.citizen.familyName,
      given_name: input.citizen.givenName,
      birthdate: input.citizen.dateOfBirth,
    },
    requester: { client_id: input.requester.clientId, name: displayText(input.requester.name, 300) },
    procedure: input.procedure,
    purpose: displayText(input.purpose, 500),
  };
  const jwt = await new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: evidenceRequestTyp, kid: key.kid })
    .sign(key.privateKey!);
  return { jwt, claims };
}

/** Free text shown on the document: one line, bounded (the protocol's limits: name 300, purpose 500). */
function displayText(value: string, max: number): string {
  return value.replace(/\s+/g, ' ').trim().slice(0, max);
}
