import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { loaFromUri, loaLevels, loaUri, type Loa } from '../../core/loa.js';

/**
 * `acr` says how the citizen logged in. An eIDAS login: the eIDAS LoA URI the national IdP
 * asserted. A wallet login: `urn:passerelle:acr:eudi-wallet-pid:<level>`, where the level is the
 * one the PID provider is notified at in the trusted list (high for a PID provider notified at
 * high). Both name a level, so `acr_values` of either kind set the minimum (docs/integration-portal.md).
 */
/** The level a wallet login must reach when the portal asks for none. */
export const walletMinimumLoa: Loa = 'substantial';

const walletPrefix = 'urn:passerelle:acr:eudi-wallet-pid:';

export function walletAcr(loa: Loa): string {
  return walletPrefix + loa;
}

export function acrFor(citizen: AuthenticatedCitizen): string {
  return citizen.source.protocol === 'openid4vp' ? walletAcr(citizen.loa) : loaUri(citizen.loa);
}

/** The level an `acr` value names, eIDAS or wallet; undefined for values we do not issue. */
export function loaFromAcr(acr: string): Loa | undefined {
  if (acr.startsWith(walletPrefix)) {
    const level = acr.slice(walletPrefix.length);
    return (loaLevels as readonly string[]).includes(level) ? level as Loa : undefined;
  }
  return loaFromUri(acr);
}

/** What discovery advertises: the wallet values only where the wallet front door is configured. */
export function acrValuesSupported(walletConfigured: boolean): string[] {
  return [...loaLevels.map(loaUri), ...(walletConfigured ? loaLevels.map(walletAcr) : [])];
}
