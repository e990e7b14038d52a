import type { Language } from '../../web/i18n.js';

/** Dates and times on evidence pages, in the page language and in UTC (said so on the page). */
export function formatDate(ms: number | null | undefined, lang: Language): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(ms));
}

export function formatDateTime(ms: number | null | undefined, lang: Language): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(ms)) + ' UTC';
}

/**
 * A calendar date from evidence data (`YYYY-MM-DD`) in the page language. It is a date,
 * not an instant: formatted in UTC so no time zone moves it to the day before. Anything
 * that is not such a date is shown as it is.
 */
export function formatCalendarDate(value: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const date = new Date(ms);
  if (date.getUTCDate() !== Number(match[3])) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** An ISO 3166-1 alpha-2 code as the country's name in the page language; anything else as it is. */
export function countryName(code: string, lang: Language): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatBytes(size: number, lang: Language): string {
  const units = ['B', 'KB', 'MB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}

/** A language map from the configuration (portal names, purposes) in the page language. */
export function pickText(map: Record<string, string> | undefined, lang: Language, fallback = ''): string {
  if (!map) return fallback;
  return map[lang] ?? map.en ?? Object.values(map)[0] ?? fallback;
}
