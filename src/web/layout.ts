import { html, type SafeHtml } from './html.js';
import { languageNames, supportedLanguages, type Language } from './i18n.js';

export interface PageOptions {
  title: string;
  lang: Language;
  body: SafeHtml;
  /** Path of the current page, for the language switch links (query kept out on purpose). */
  path?: string;
  /** Extra query parameters to keep on the language switch links. */
  keepQuery?: Record<string, string>;
  /** A wider content column, for pages that are mostly tables. */
  wide?: boolean;
}

/** The one page frame: accessible landmarks, language switch, no inline script or style. */
export function page(options: PageOptions): string {
  const switchLinks = supportedLanguages.map((lang) => {
    const query = new URLSearchParams({ ...(options.keepQuery ?? {}), lang }).toString();
    return html`<li><a href="${(options.path ?? '') + '?' + query}" lang="${lang}" hreflang="${lang}"${lang === options.lang ? html` aria-current="true"` : ''}>${languageNames[lang]}</a></li>`;
  });
  return '<!doctype html>\n' + html`<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${options.title} · Passerelle</title>
<link rel="stylesheet" href="/static/passerelle.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><span class="brand">Passerelle</span>
<nav aria-label="Language"><ul class="langs">${switchLinks}</ul></nav></header>
<main id="main" tabindex="-1"${options.wide ? html` class="wide"` : ''}>
${options.body}
</main>
</body>
</html>`.value;
}
