import { html, isolatedName, type Markup } from '../html.js';
import { regionName } from '../texts.js';
import type { EvidenceTexts } from './texts.js';

export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function validDate(value: string | number | null | undefined): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `12 April 1988` (a calendar date: no time zone shift). */
export function formatDate(value: string | number | null | undefined, lang: string): string {
  const date = validDate(value);
  return date ? new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(date) : String(value ?? '');
}

/** `25 February 2027, 14:05 UTC`. */
export function formatDateTime(value: string | number | null | undefined, lang: string): string {
  const date = validDate(value);
  return date ? `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC` : '';
}

export function formatTime(value: number, lang: string): string {
  return `${new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value))} UTC`;
}

export function formatSize(bytes: number, lang: string): string {
  return bytes < 1024 ? `${bytes} B` : `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(bytes / 1024)} KB`;
}

interface Person { family_name?: unknown; given_name?: unknown; birth_date?: unknown; relationship?: unknown }
interface Address { street?: unknown; post_code?: unknown; locality?: unknown; country?: unknown }

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function addressLine(value: Address, lang: string): string {
  const country = text(value.country);
  return [text(value.street), [text(value.post_code), text(value.locality)].filter(Boolean).join(' '), country ? regionName(country, lang) : '']
    .filter(Boolean).join(', ');
}

/**
 * The structured data of a shared document, in the order of `fields`: lists of people as
 * tables (the household members, the parents), addresses on one line, dates in the
 * portal's language, country codes as country names.
 */
export function dataView(data: Record<string, unknown>, fields: readonly string[], lang: string, t: EvidenceTexts): Markup {
  const rows: Markup[] = [];
  const tables: Markup[] = [];
  for (const name of fields) {
    const value = data[name];
    if (value === undefined || value === null || value === '') continue;
    const label = t.labels[name] ?? name;
    if (Array.isArray(value)) {
      tables.push(html`<table class="people">
<caption>${label}</caption>
<thead><tr><th scope="col">${t.personName}</th><th scope="col">${t.personBirthDate}</th><th scope="col">${t.personRelationship}</th></tr></thead>
<tbody>${(value as Person[]).map((p) => html`<tr><th scope="row">${[text(p.given_name), text(p.family_name)].filter(Boolean).map((n, i) => html`${i > 0 ? ' ' : ''}${isolatedName(n)}`)}</th><td>${formatDate(text(p.birth_date) || null, lang)}</td><td>${t.labels[`relationship_${text(p.relationship)}`] ?? text(p.relationship)}</td></tr>`)}</tbody>
</table>`);
    } else if (typeof value === 'object') {
      rows.push(html`<dt>${label}</dt><dd>${addressLine(value as Address, lang)}</dd>`);
    } else if (/(^|_)date$/.test(name)) {
      rows.push(html`<dt>${label}</dt><dd>${formatDate(text(value), lang)}</dd>`);
    } else if (/^country/.test(name) && /^[A-Z]{2}$/.test(text(value))) {
      rows.push(html`<dt>${label}</dt><dd>${regionName(text(value), lang)}</dd>`);
    } else {
      rows.push(html`<dt>${label}</dt><dd>${t.labels[`${name}_${text(value)}`] ?? text(value)}</dd>`);
    }
  }
  return html`${tables}${rows.length > 0 ? html`<dl class="data">${rows}</dl>` : ''}`;
}
