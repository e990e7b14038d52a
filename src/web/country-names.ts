import type { Language } from './i18n.js';

/** An ISO 3166-1 alpha-2 code as the country's name in the page language (the platform's CLDR names); anything else as it is. */
export function countryDisplayName(code: string, lang: Language): string {
  if (!/^[A-Z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
