import { loaRank, maxLoa, type Loa } from '../../core/loa.js';
import { loaFromAcr } from './acr.js';

/**
 * `acr_values` from a portal is a list of eIDAS LoA URIs (or wallet acr values) it accepts; the
 * lowest level listed is the minimum we ask for. Values that name no level are ignored.
 */
export function lowestRequestedLoa(acrValues: unknown): Loa | undefined {
  if (typeof acrValues !== 'string') return undefined;
  const levels = acrValues.split(' ').map(loaFromAcr).filter((l): l is Loa => l !== undefined);
  if (levels.length === 0) return undefined;
  return levels.reduce((low, l) => (loaRank(l) < loaRank(low) ? l : low));
}

/** What the upstream login must reach: the portal's request, never below the country's floor. */
export function minimumLoaFor(acrValues: unknown, countryMinimum: Loa): Loa {
  const requested = lowestRequestedLoa(acrValues);
  return requested ? maxLoa(requested, countryMinimum) : countryMinimum;
}
