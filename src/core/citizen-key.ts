import { createHmac } from 'node:crypto';

/**
 * The internal, pseudonymous key of a citizen: HMAC of the eIDAS PersonIdentifier with a
 * server secret. Sessions, vaults, consents and logs refer to this, never to the identifier.
 */
export function citizenKey(personIdentifier: string, secret: string): string {
  return createHmac('sha256', secret).update('citizen:' + personIdentifier).digest('base64url');
}

/** The `sub` a portal sees: pairwise per sector unless the portal is configured public. */
export function pairwiseSubject(personIdentifier: string, sector: string, secret: string): string {
  return createHmac('sha256', secret).update(`sub:${sector}:${personIdentifier}`).digest('base64url');
}
