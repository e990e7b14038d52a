import type { Language } from './i18n.js';
import { currentSite } from './site.js';

/**
 * Dates and times on every page: one long form in the page language, instants in the
 * deployment's time zone with the zone's name next to the time, so nobody has to convert.
 */
export function formatDate(ms: number | null | undefined, lang: Language): string {
  if (ms === null || ms === undefined) return '—';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: currentSite().timeZone }).format(new Date(ms));
}

export function formatDateTime(ms: number | null | undefined, lang: Language): string {
  if (ms === null || ms === undefined) return '—';
  const { timeZone } = currentSite();
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone }).format(new Date(ms));
  const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone }).format(new Date(ms));
  const zone = new Intl.DateTimeFormat(lang, { timeZoneName: 'longGeneric', timeZone }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${date}, ${time} (${zone})`;
}

/**
 * A calendar date from data (`YYYY-MM-DD`) in the page language. It is a date, not an
 * instant: formatted in UTC so no time zone moves it to the day before. Anything that is
 * not such a date is shown as it is.
 */
export function formatCalendarDate(value: string, lang: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (date.getUTCDate() !== Number(match[3])) return value;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
