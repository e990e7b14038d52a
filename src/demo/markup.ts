import { splitBidiControls } from '../core/bidi-controls.js';

/**
 * Auto-escaping templates shared by the demo apps (IdPs, portals). The demo apps are foreign
 * systems that talk HTTP to Passerelle, so they keep their own helpers and never reach into
 * Passerelle's web layer.
 */
export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Part = Markup | string | number | boolean | null | undefined | readonly Part[];

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function render(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof Markup) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escape(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): Markup {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += render(part) + (strings[i + 1] ?? '');
  });
  return new Markup(out);
}

/** A name from an identity or a document: isolated, bidirectional controls shown as marks (src/core/bidi-controls.ts). */
export function isolatedName(value: string): Markup {
  return html`<bdi dir="auto">${splitBidiControls(value).map((part) => ('text' in part ? part.text : html`<span class="bidi-control">[${part.label}]</span>`))}</bdi>`;
}
