import type { Language } from './i18n.js';

// One formatter per language, made once: constructing Intl.DisplayNames loads CLDR data, which
// cost more than the rest of a country page.
const formatters = new Map<string, Intl.DisplayNames | null>();

function formatter(lang: Language): Intl.DisplayNames | null {
  let known = formatters.get(lang);
  if (known === undefined) {
    try {
      known = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    } catch {
      known = null;
    }
    formatters.set(lang, known);
  }
  return known;
}

/** An ISO 3166-1 alpha-2 code as the country's name in the page language (the platform's CLDR names); anything else as it is. */
export function countryDisplayName(code: string, lang: Language): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return formatter(lang)?.of(code) ?? code;
  } catch {
    return code;
  }
}
