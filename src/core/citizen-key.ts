import { createHmac } from 'node:crypto';

/**
 * The internal, pseudonymous key of a citizen: HMAC of the eIDAS PersonIdentifier with a
 * server secret. Sessions, vaults, consents and logs refer to this, never to the identifier.
 */
export function citizenKey(personIdentifier: string, secret: string): string {
  return createHmac('sha256', secret).update('citizen:' + personIdentifier).digest('base64url');
}

/**
 * The account a login belongs to: the citizen's key, or, for a login on behalf of an organisation, a
 * key of the (person, organisation) pair. Acting for an organisation is then a session, a remembered
 * consent and a pairwise `sub` of its own, never mixed with the person's private logins.
 */
export function accountKey(citizen: { personIdentifier: string; onBehalfOf?: { legalPersonIdentifier: string } }, secret: string): string {
  if (!citizen.onBehalfOf) return citizenKey(citizen.personIdentifier, secret);
  return createHmac('sha256', secret).update(`representative:${citizen.personIdentifier}\n${citizen.onBehalfOf.legalPersonIdentifier}`).digest('base64url');
}

/** The `sub` a portal sees: pairwise per sector unless the portal is configured public. */
export function pairwiseSubject(personIdentifier: string, sector: string, secret: string): string {
  return createHmac('sha256', secret).update(`sub:${sector}:${personIdentifier}`).digest('base64url');
}
