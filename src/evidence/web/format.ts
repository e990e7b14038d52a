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
