/** Minimal escaping for the demo authorities' few pages (they share no code with Passerelle's web layer). */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!);
}

export function demoPage(title: string, lang: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2b36}
code{background:#eef2f5;padding:0 .25rem;border-radius:3px}table{border-collapse:collapse}td,th{padding:.25rem .75rem .25rem 0;text-align:left;vertical-align:top}
.note{color:#6a4b00;background:#fff6d6;padding:.5rem .75rem;border-radius:4px}</style></head>
<body>${body}</body></html>`;
}
