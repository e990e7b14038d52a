import { loaSatisfies, type Loa } from '../../core/loa.js';
import type { IdentityAdapter } from '../../inbound/identity-adapter.js';

/**
 * The level a country's identity provider is certified for, when that is below `required`:
 * a login there can only end in "level too low", so it is not offered. Undefined when the
 * country can reach the level, or does not say (an IdP that publishes no certification is
 * offered as before).
 */
export function levelOutOfReach(adapter: Pick<IdentityAdapter, 'certifiedLoa'> | undefined, country: string, required: Loa): Loa | undefined {
  const certified = adapter?.certifiedLoa?.(country);
  return certified !== undefined && !loaSatisfies(certified, required) ? certified : undefined;
}
