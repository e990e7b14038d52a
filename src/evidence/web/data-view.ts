import {
  addressParts, evidenceField, evidenceFieldLabel, evidenceType, fieldPartLabel, personParts, relationshipLabel, sexLabel,
  type EvidenceFieldKind,
} from '../catalogue/index.js';
import { bidiSafe } from '../../web/bidi-safe.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { Language } from '../../web/i18n.js';
import { scrollableTable } from '../../web/table.js';
import { countryName, formatCalendarDate } from './format.js';

type Entry = Record<string, unknown>;

const isEntry = (value: unknown): value is Entry => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Structured evidence data for people to read: the catalogue's labels instead of data keys,
 * dates in the page language, country names instead of codes, lists of people as tables.
 * Every field and part of the data is shown, known to the catalogue or not (unknown ones
 * under their own name), so nothing the portal receives is hidden; `rawJson` shows the
 * exact bytes next to it.
 */
export function dataView(typeId: string, data: Entry, lang: Language): SafeHtml {
  const known = (evidenceType(typeId)?.fields ?? []).map((f) => f.name).filter((name) => Object.hasOwn(data, name));
  const names = [...known, ...Object.keys(data).filter((name) => !known.includes(name))];
  const rows: SafeHtml[] = [];
  const tables: SafeHtml[] = [];
  for (const name of names) {
    const label = evidenceFieldLabel(typeId, name, lang);
    const value = data[name];
    if (Array.isArray(value) && value.every(isEntry)) tables.push(entriesTable(label, value, lang));
    else rows.push(html`<dt>${label}</dt><dd>${fieldValue(evidenceField(typeId, name)?.kind, value, lang)}</dd>`);
  }
  return html`${rows.length > 0 ? html`<dl class="data">${rows}</dl>` : ''}${tables}`;
}

function fieldValue(kind: EvidenceFieldKind | undefined, value: unknown, lang: Language): SafeHtml | string {
  if (value === null || value === undefined || value === '') return '—';
  if (isEntry(value)) return kind === 'address' ? addressLines(value, lang) : partList(value, lang);
  if (Array.isArray(value)) return html`<ul>${value.map((v) => html`<li>${fieldValue(undefined, v, lang)}</li>`)}</ul>`;
  const text = String(value);
  switch (kind) {
    case 'date': return formatCalendarDate(text, lang);
    case 'country': return countryName(text, lang);
    case 'sex': return sexLabel(text, lang);
    default: return bidiSafe(text);
  }
}

/** Street, post code and town, country: as on an envelope; parts we do not know follow, labelled. */
function addressLines(address: Entry, lang: Language): SafeHtml {
  const text = (part: string) => (address[part] === undefined || address[part] === null ? '' : String(address[part]));
  const lines = [
    text('street'),
    [text('post_code'), text('locality')].filter(Boolean).join(' '),
    text('country') ? countryName(text('country'), lang) : '',
    ...Object.keys(address).filter((part) => !(addressParts as readonly string[]).includes(part))
      .map((part) => `${fieldPartLabel(part, lang)}: ${plain(address[part])}`),
  ].filter(Boolean);
  return html`${lines.map((line, i) => html`${i > 0 ? html`<br>` : ''}${bidiSafe(line)}`)}`;
}

function partList(entry: Entry, lang: Language): SafeHtml {
  return html`<dl class="data">${Object.entries(entry).map(([part, inner]) => html`<dt>${fieldPartLabel(part, lang)}</dt><dd>${partValue(part, inner, lang)}</dd>`)}</dl>`;
}

/** A list of people (household members, parents, spouses): one row each, one column per part. */
function entriesTable(caption: string, entries: Entry[], lang: Language): SafeHtml {
  const present = new Set(entries.flatMap((entry) => Object.keys(entry)));
  const columns = [...personParts.filter((part) => present.has(part)), ...[...present].filter((part) => !(personParts as readonly string[]).includes(part))];
  const table = html`<table>
<caption>${caption}</caption>
<thead><tr>${columns.map((part) => html`<th scope="col">${fieldPartLabel(part, lang)}</th>`)}</tr></thead>
<tbody>${entries.map((entry) => html`<tr>${columns.map((part) => html`<td>${partValue(part, entry[part], lang)}</td>`)}</tr>`)}</tbody>
</table>`;
  return scrollableTable(caption, table);
}

function partValue(part: string, value: unknown, lang: Language): SafeHtml | string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value !== 'string') return bidiSafe(plain(value));
  switch (part) {
    case 'birth_date': return formatCalendarDate(value, lang);
    case 'relationship': return relationshipLabel(value, lang);
    case 'country': return countryName(value, lang);
    default: return bidiSafe(value);
  }
}

function plain(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** The JSON exactly as a portal receives it, pretty-printed for reading. */
export function rawJson(value: unknown): SafeHtml {
  return html`<pre><code>${JSON.stringify(value, null, 2)}</code></pre>`;
}
