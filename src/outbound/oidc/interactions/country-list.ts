import type { CountryConfig } from '../../../config/schema.js';
import { countryDisplayName } from '../../../web/country-names.js';
import { configuredText, hasConfiguredText, type Language } from '../../../web/i18n.js';

/** A country as the selection page shows it: the name the citizen reads, and its own name when that differs. */
export interface CountryChoice {
  code: string;
  /** In the page language: configured, else the platform's (CLDR) name. */
  name: string;
  /** In the country's own (first) language, with that language's tag, when it differs from `name`. */
  own?: { name: string; lang: string };
  lastUsed: boolean;
}

/** For matching what a citizen types: case, accents and script marks ignored. */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en').trim();
}

/** A country's name in the page language: configured, else the platform's (CLDR) name. */
export function countryNameIn(country: CountryConfig | undefined, code: string, lang: Language): string {
  return country && hasConfiguredText(country.names, lang) ? configuredText(country.names, lang) : countryDisplayName(code, lang);
}

function choiceOf(country: CountryConfig, lang: Language, remembered: string | undefined): CountryChoice {
  const name = countryNameIn(country, country.code, lang);
  const ownLang = country.languages[0] ?? 'en';
  const own = country.names[ownLang] ?? country.names.en;
  return { code: country.code, name, ...(own && own !== name ? { own: { name: own, lang: ownLang } } : {}), lastUsed: country.code === remembered };
}

/**
 * The countries offered, last used first, then sorted by the name the citizen reads (the
 * page language's collation), narrowed to those whose name in the page language, own
 * language or English, or whose code, contains `query`.
 */
export function countryChoices(countries: readonly CountryConfig[], lang: Language, remembered: string | undefined, query = ''): CountryChoice[] {
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const wanted = foldForSearch(query);
  return countries
    .map((country) => ({ choice: choiceOf(country, lang, remembered), country }))
    .filter(({ choice, country }) => wanted === '' || searchTerms(choice, country).some((term) => term.includes(wanted)))
    .sort((a, b) => Number(b.choice.lastUsed) - Number(a.choice.lastUsed) || collator.compare(a.choice.name, b.choice.name))
    .map(({ choice }) => choice);
}

/** Every name a citizen might type for a country, folded (also given to the page's filter script). */
export function searchTerms(choice: CountryChoice, country: CountryConfig): string[] {
  return [choice.name, choice.own?.name ?? '', country.names.en ?? countryDisplayName(country.code, 'en'), country.code].filter(Boolean).map(foldForSearch);
}
