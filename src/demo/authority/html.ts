/** Page frame of the demo authorities; templates come from the shared demo markup. */
import { html, Markup } from '../markup.js';

export { html, Markup };

export function demoPage(title: string, lang: string, body: Markup): string {
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2b36}
code{background:#eef2f5;padding:0 .25rem;border-radius:3px}table{border-collapse:collapse}td,th{padding:.25rem .75rem .25rem 0;text-align:left;vertical-align:top}
.note{color:#6a4b00;background:#fff6d6;padding:.5rem .75rem;border-radius:4px}</style></head>
<body>${body}</body></html>`.value;
}

/** Rows one per line, as the pages were written before they were templates. */
export function lines(parts: readonly Markup[]): Markup {
  return new Markup(parts.map((part) => part.value).join('\n'));
}
