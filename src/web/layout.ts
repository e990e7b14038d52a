import { countryDisplayName } from './country-names.js';
import { html, type SafeHtml } from './html.js';
import { configuredText, languageNames, translator, type Language } from './i18n.js';
import { layoutMessages } from './layout-messages.js';
import { currentSite, type LocalizedLink, type Operator } from './site.js';

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
  /**
   * Continue at once to this same-site or portal URL (an instant meta refresh, which works
   * without JavaScript and is a plain navigation: no form-action applies to it).
   */
  continueTo?: string;
}

function link(target: LocalizedLink, lang: Language): string {
  return typeof target === 'string' ? target : configuredText(target, lang);
}

function contactHref(contact: string): string {
  return contact.includes('@') && !contact.includes('/') ? `mailto:${contact}` : contact;
}

/** Who runs this deployment, for which country, and where its privacy notice, accessibility statement and contact are. */
function operatorBlock(operator: Operator | undefined, lang: Language): SafeHtml | string {
  if (!operator) return '';
  const t = translator(layoutMessages, lang);
  return html`<footer class="site"><h2 class="visually-hidden">${t('about')}</h2>
<p>${t('operatedBy', { operator: configuredText(operator.name, lang), country: countryDisplayName(operator.country, lang) })}</p>
<ul class="links">
<li><a href="${link(operator.privacyNotice, lang)}">${t('privacy')}</a></li>
<li><a href="${link(operator.accessibilityStatement, lang)}">${t('accessibility')}</a></li>
<li><a href="${contactHref(operator.contact)}">${t('contact')}</a></li>
</ul></footer>`;
}

/**
 * The one page frame: accessible landmarks, language switch, operator block, no inline script or
 * style. A page with times loads the script that shows them in the browser's zone (dates.ts).
 */
export function page(options: PageOptions): string {
  const site = currentSite();
  const t = translator(layoutMessages, options.lang);
  const switchLinks = site.languages.map((lang) => {
    const query = new URLSearchParams({ ...(options.keepQuery ?? {}), lang }).toString();
    return html`<li><a href="${(options.path ?? '') + '?' + query}" lang="${lang}" hreflang="${lang}"${lang === options.lang ? html` aria-current="true"` : ''}>${languageNames[lang]}</a></li>`;
  });
  return '<!doctype html>\n' + html`<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${options.continueTo ? html`<meta http-equiv="refresh" content="${'0; url=' + options.continueTo}">\n` : ''}<title>${options.title} · Passerelle</title>
<link rel="stylesheet" href="/static/passerelle.css">
${options.body.value.includes('<time ') ? html`<script src="/static/local-time.js" defer></script>\n` : ''}</head>
<body>
<a class="skip" href="#main">${t('skip')}</a>
<header class="site"><span class="brand">Passerelle</span>
<nav aria-label="${t('languages')}"><ul class="langs">${switchLinks}</ul></nav></header>
<main id="main" tabindex="-1"${options.wide ? html` class="wide"` : ''}>
${options.body}
</main>
${operatorBlock(site.operator, options.lang)}
</body>
</html>`.value;
}
