import { evidenceFieldLabel } from '../catalogue/index.js';
import { html, type SafeHtml } from '../../web/html.js';
import type { Language } from '../../web/i18n.js';

/** Structured evidence data as a readable, escaped definition list (nested values nest). */
export function dataView(evidenceType: string, data: Record<string, unknown>, lang: Language): SafeHtml {
  const rows = Object.entries(data).map(([name, value]) =>
    html`<dt>${evidenceFieldLabel(evidenceType, name, lang)}</dt><dd>${valueView(value)}</dd>`);
  return html`<dl class="data">${rows}</dl>`;
}

function valueView(value: unknown): SafeHtml | string {
  if (value === null || value === undefined) return '—';
  if (Array.isArray(value)) return html`<ul>${value.map((entry) => html`<li>${valueView(entry)}</li>`)}</ul>`;
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>).map(([key, inner]) => html`<dt>${key}</dt><dd>${valueView(inner)}</dd>`);
    return html`<dl class="data">${parts}</dl>`;
  }
  return String(value);
}

/** The JSON exactly as a portal receives it, pretty-printed for reading. */
export function rawJson(value: unknown): SafeHtml {
  return html`<pre><code>${JSON.stringify(value, null, 2)}</code></pre>`;
}
