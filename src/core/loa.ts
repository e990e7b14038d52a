/** eIDAS Levels of Assurance, ordered. The URI is also the `acr` value towards portals. */
export const loaLevels = ['low', 'substantial', 'high'] as const;
export type Loa = (typeof loaLevels)[number];

const prefix = 'http://eidas.europa.eu/LoA/';

export function loaUri(loa: Loa): string {
  return prefix + loa;
}

export function loaFromUri(uri: string): Loa | undefined {
  if (!uri.startsWith(prefix)) return undefined;
  const level = uri.slice(prefix.length);
  return (loaLevels as readonly string[]).includes(level) ? (level as Loa) : undefined;
}

export function loaRank(loa: Loa): number {
  return loaLevels.indexOf(loa);
}

export function loaSatisfies(asserted: Loa, minimum: Loa): boolean {
  return loaRank(asserted) >= loaRank(minimum);
}

export function maxLoa(a: Loa, b: Loa): Loa {
  return loaRank(a) >= loaRank(b) ? a : b;
}

export function isLoa(value: string): value is Loa {
  return (loaLevels as readonly string[]).includes(value);
}
