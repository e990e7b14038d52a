/**
 * Parses the xs:duration of a metadata `cacheDuration` (e.g. `PT1H`, `P1D`) into milliseconds.
 * Years and months are counted as 365 and 30 days: cacheDuration is a refresh hint, not a
 * calendar computation. Negative or malformed durations give undefined (the hint is ignored).
 */
const pattern = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export function parseXsDuration(value: string): number | undefined {
  const match = pattern.exec(value.trim());
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const n = (part: string | undefined) => (part ? Number(part) : 0);
  const days = n(y) * 365 + n(mo) * 30 + n(d);
  const millis = ((days * 24 + n(h)) * 60 + n(mi)) * 60_000 + n(s) * 1000;
  return Number.isFinite(millis) ? Math.round(millis) : undefined;
}
