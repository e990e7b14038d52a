import { UntrustedKeyError } from '../crypto/index.js';
import type { IdpMetadata } from '../metadata/idp-metadata.js';
import { established, type AcsState } from './acs-state.js';

/**
 * Runs a signature check against the country's metadata; when the signature is by a key that
 * copy does not list, asks the registry for newer metadata of the same IdP (another
 * instance's copy, else the source, rate-limited) and checks once more with it. Trust still
 * comes from metadata alone, never from the message (S-22): a forged signature fails twice.
 */
export async function withCurrentKeys<T>(state: AcsState, check: (idp: IdpMetadata) => T): Promise<T> {
  const idp = established(state.idp, 'IdP metadata');
  try {
    return check(idp);
  } catch (error) {
    if (!(error instanceof UntrustedKeyError)) throw error;
    const newer = await state.deps.registry.refreshForUnknownKey(idp.country, idp);
    if (!newer || newer.entityId !== idp.entityId) throw error;
    state.idp = newer;
    return check(newer);
  }
}
