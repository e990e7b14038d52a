/** Page frame and stylesheet of the demo portals; templates come from the shared demo markup. */
import { html, isolatedName, Markup } from '../markup.js';

export { html, isolatedName, Markup };

export interface PortalPage {
  lang: string;
  title: string;
  portalName: string;
  languages: readonly string[];
  path: string;
  body: Markup;
}

const languageNames: Record<string, string> = { de: 'Deutsch', en: 'English', es: 'Español', it: 'Italiano', fr: 'Français' };

export function portalDocument(page: PortalPage): string {
  const switcher = page.languages.map((lang) => html`<li><a href="${page.path}?lang=${lang}" lang="${lang}" hreflang="${lang}"${lang === page.lang ? html` aria-current="true"` : ''}>${languageNames[lang] ?? lang}</a></li>`);
  return '<!doctype html>\n' + html`<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${page.title} · ${page.portalName}</title>
<link rel="stylesheet" href="/portal.css">
</head>
<body>
<header><span class="brand">${page.portalName}</span><nav aria-label="Language"><ul class="langs">${switcher}</ul></nav></header>
<main id="main">
${page.body}
</main>
</body>
</html>`.value;
}

/** One stylesheet per portal, coloured by its theme (contrast checked for white text). */
export function portalStylesheet(accent: string): string {
  return `
:root { --accent: ${accent}; --ink: #1b1f23; --muted: #4a5560; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: var(--ink); background: #f5f6f7; }
header { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: .5rem; background: var(--accent); color: #fff; padding: .75rem 1.5rem; }
header a { color: #fff; }
.brand { font-weight: 700; font-size: 1.2rem; }
.langs { list-style: none; display: flex; gap: .75rem; margin: 0; padding: 0; }
.langs a[aria-current] { font-weight: 700; text-decoration: none; }
main { max-width: 46rem; margin: 1.5rem auto; background: #fff; padding: 1.5rem; border-radius: .5rem; }
a { color: var(--accent); }
a.button { display: inline-block; padding: .6rem 1.2rem; border-radius: .375rem; background: var(--accent); color: #fff; text-decoration: none; border: 2px solid var(--accent); }
a.button.secondary { background: #fff; color: var(--accent); }
button { font: inherit; cursor: pointer; padding: .6rem 1.2rem; border-radius: .375rem; background: var(--accent); color: #fff; border: 2px solid var(--accent); }
button.secondary { background: #fff; color: var(--accent); }
form { margin: 0; }
h2 { margin-top: 2rem; font-size: 1.3rem; }
h3 { margin-top: 1.5rem; font-size: 1.05rem; }
section.evidence { border-top: 1px solid #d5dbe0; margin-top: 1.5rem; }
table.people { border-collapse: collapse; width: 100%; margin: 1rem 0; }
table.people caption { text-align: left; font-weight: 600; padding-bottom: .4rem; }
table.people th, table.people td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #d5dbe0; }
table.people thead th { color: var(--muted); font-weight: 600; }
table.people tbody th { font-weight: 600; }
ul.links { padding-left: 1.2rem; }
ul.links li { margin: .25rem 0; }
.success { border-left: 4px solid #1e7a3a; padding: .5rem 1rem; background: #eaf6ee; }
:focus-visible { outline: 3px solid #f4a261; outline-offset: 2px; }
.actions { display: flex; gap: 1rem; flex-wrap: wrap; margin: 1.25rem 0; }
dl.data { display: grid; grid-template-columns: minmax(10rem, max-content) 1fr; gap: .25rem 1rem; }
dl.data dt { font-weight: 600; color: var(--muted); }
.bidi-control { font-family: monospace; font-size: .85em; padding: 0 .2em; border: 1px dashed currentColor; border-radius: .2em; unicode-bidi: isolate; direction: ltr; }
/* Pairwise identifiers and URLs have no natural break: break them rather than widen the page. */
dl.data dd { margin: 0; white-space: pre-line; overflow-wrap: anywhere; }
section.evidence dl.data { grid-template-columns: 12rem 1fr; }
@media (max-width: 36rem) { dl.data, section.evidence dl.data { grid-template-columns: 1fr; } dl.data dd { margin-bottom: .5rem; } }
.notice { border-left: 4px solid var(--accent); padding: .5rem 1rem; background: #eef3f8; }
.error { border-left: 4px solid #b00020; padding: .5rem 1rem; background: #fbeeee; }
.muted { color: var(--muted); font-size: .9rem; }
code { word-break: break-all; }
`;
}
