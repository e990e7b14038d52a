import { html, type SafeHtml } from './html.js';
import type { Language } from './i18n.js';
import { currentSite } from './site.js';

/**
 * Dates and times on every page: one long form in the page language, instants in the
 * deployment's time zone with the zone's name next to the time, so nobody has to convert.
 */
// Building an Intl.DateTimeFormat costs far more than formatting with one (a page of 50 tracker
// rows built 150 of them), so each (kind, language, zone) is built once per process.
const formatters = new Map<string, Intl.DateTimeFormat>();
const kinds = { date: { dateStyle: 'long' }, time: { timeStyle: 'short' }, zone: { timeZoneName: 'longGeneric' } } as const;
function formatter(kind: keyof typeof kinds, lang: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${lang}|${timeZone}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, found = new Intl.DateTimeFormat(lang, { ...kinds[kind], timeZone }));
  return found;
}

export function formatDate(ms: number | null | undefined, lang: Language): string {
  if (ms === null || ms === undefined) return '—';
  return formatter('date', lang, currentSite().timeZone).format(new Date(ms));
}

export function formatDateTime(ms: number | null | undefined, lang: Language, timeZone = currentSite().timeZone): string {
  if (ms === null || ms === undefined) return '—';
  // The same three parts as static/local-time.js, which shows the instant in the browser's zone.
  const date = formatter('date', lang, timeZone).format(new Date(ms));
  const time = formatter('time', lang, timeZone).format(new Date(ms));
  const zone = formatter('zone', lang, timeZone).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  return `${date}, ${time} (${zone})`;
}

/**
 * An instant on a page: the text of `formatDateTime` in the deployment's zone, named, inside a
 * `<time>` that carries the instant and that zone. Where the browser runs scripts and is in
 * another zone, static/local-time.js (which `page()` adds to pages with times) writes every such
 * time in the citizen's own zone, named too, keeping the deployment's in the title.
 */
export function localTime(ms: number | null | undefined, lang: Language): SafeHtml | string {
  if (ms === null || ms === undefined) return '—';
  const { timeZone } = currentSite();
  return html`<time datetime="${new Date(ms).toISOString()}" data-zone="${timeZone}">${formatDateTime(ms, lang, timeZone)}</time>`;
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
