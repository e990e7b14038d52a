import type { Request, Response } from 'express';
import { escapeHtml, SafeHtml } from './html.js';
import { formatMessage, mapText, parseMessage, type MessagePart, type MessageValues } from './message-format.js';
import { isCyrillic, toCyrillic, toLatin } from './serbian-script.js';
import { currentSite } from './site.js';
import { readCookie, requestCookieName } from './csrf.js';

/** Page languages, as BCP 47 tags. Serbian in both of its scripts. */
export const supportedLanguages = ['en', 'de', 'it', 'es', 'fr', 'sr-Latn', 'sr-Cyrl'] as const;
export type Language = (typeof supportedLanguages)[number];

/** The languages texts are written in; Cyrillic Serbian is derived from Latin Serbian. */
export const authoredLanguages = ['en', 'de', 'it', 'es', 'fr', 'sr-Latn'] as const;
export type AuthoredLanguage = (typeof authoredLanguages)[number];

/** One text in every authored language (the catalogue's labels and titles). */
export type LocalizedText = Readonly<Record<AuthoredLanguage, string>>;

/**
 * A feature's own strings: every key in every authored language (the compiler checks), in
 * the message syntax of message-format.ts. A Cyrillic text may be given where automatic
 * transliteration would be wrong.
 */
export type MessageTable<K extends string> = Record<AuthoredLanguage, Record<K, string>> & { 'sr-Cyrl'?: Partial<Record<K, string>> };

export const languageNames: Record<Language, string> = {
  en: 'English', de: 'Deutsch', it: 'Italiano', es: 'Español', fr: 'Français', 'sr-Latn': 'Srpski (latinica)', 'sr-Cyrl': 'Српски (ћирилица)',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/**
 * A language tag from a browser, a portal or a link (`de-AT`, `sr`, `sr-Latn-RS`, `sr-Cyrl`) as one of
 * ours. Serbian without a script is Cyrillic, the official script; `sr-Latn…` is Latin.
 */
export function matchLanguage(tag: string): Language | undefined {
  const subtags = tag.trim().toLowerCase().split(/[-_]/);
  const primary = subtags[0] ?? '';
  if (primary === 'sr') return subtags.includes('latn') ? 'sr-Latn' : 'sr-Cyrl';
  return isLanguage(primary) ? primary : undefined;
}

/** The remembered language: `__Host-passerelle_lang` over HTTPS (see src/web/csrf.ts). */
export function languageCookie(req: Request): string {
  return requestCookieName(req, 'passerelle_lang', '/');
}

/** A language the portal asked for (`ui_locales`) is remembered for the rest of the flow, marked as such. */
const hintMark = '~';

export interface LanguageHints {
  /** The portal's `ui_locales` (space-separated, preferred first), when the page belongs to its request. */
  uiLocales?: unknown;
  /** The languages to choose from; the deployment's (config `languages`) unless said otherwise. */
  allowed?: readonly Language[];
}

function firstMatch(tags: readonly string[], allowed: readonly Language[]): Language | undefined {
  for (const tag of tags) {
    const lang = matchLanguage(tag);
    if (lang && allowed.includes(lang)) return lang;
  }
  return undefined;
}

function acceptLanguageTags(header: string): string[] {
  return header.split(',').map((part, position) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    return { tag: tag ?? '', q: q ? Number(q.trim().slice(2)) : 1, position };
  }).filter((entry) => entry.q > 0).sort((a, b) => b.q - a.q || a.position - b.position).map((entry) => entry.tag);
}

function remember(req: Request, res: Response | undefined, value: string): void {
  const name = languageCookie(req);
  // Secure whenever publicUrl is https (the name then carries the __Host- prefix), whatever the proxy says.
  res?.cookie(name, value, { httpOnly: true, sameSite: 'lax', secure: name.startsWith('__Host-'), path: '/', maxAge: 365 * 86_400_000 });
}

/**
 * The page language, most explicit first: a `?lang=` switch (remembered), the citizen's
 * remembered choice, the portal's `ui_locales` for the flow it started (remembered as a hint
 * for the flow's later pages), such a remembered hint, then the browser's Accept-Language.
 */
export function pageLanguage(req: Request, res: Response | undefined, hints: LanguageHints = {}): Language {
  const allowed = hints.allowed ?? currentSite().languages;
  const chosen = typeof req.query.lang === 'string' ? firstMatch([req.query.lang], allowed) : undefined;
  if (chosen) {
    remember(req, res, chosen);
    return chosen;
  }
  const cookie = readCookie(req, languageCookie(req)) ?? '';
  const isHint = cookie.startsWith(hintMark);
  const remembered = firstMatch([isHint ? cookie.slice(1) : cookie].filter(Boolean), allowed);
  if (remembered && !isHint) return remembered;
  const portalAsked = typeof hints.uiLocales === 'string' ? firstMatch(hints.uiLocales.split(/\s+/).filter(Boolean), allowed) : undefined;
  if (portalAsked) {
    if (portalAsked !== remembered) remember(req, res, hintMark + portalAsked);
    return portalAsked;
  }
  if (remembered) return remembered;
  return firstMatch(acceptLanguageTags(req.headers['accept-language'] ?? ''), allowed) ?? allowed[0] ?? 'en';
}

/** Whether the citizen picked a language herself (a switch now or earlier), as opposed to a hint or her browser. */
export function languageChosen(req: Request): boolean {
  const cookie = readCookie(req, languageCookie(req));
  return typeof req.query.lang === 'string' || (cookie !== undefined && !cookie.startsWith(hintMark));
}

export type Translate<K extends string> = (key: K, values?: MessageValues) => string;

const parsedTables = new WeakMap<object, Map<string, Map<string, MessagePart[]>>>();

/** A message of a table in a page language, parsed (Cyrillic Serbian derived); for translators and the language tests. */
export function messageParts<K extends string>(table: MessageTable<K>, lang: Language, key: K): MessagePart[] {
  let byLang = parsedTables.get(table);
  if (!byLang) parsedTables.set(table, (byLang = new Map()));
  let byKey = byLang.get(lang);
  if (!byKey) byLang.set(lang, (byKey = new Map()));
  let parts = byKey.get(key);
  if (!parts) {
    const override = lang === 'sr-Cyrl' ? table['sr-Cyrl']?.[key] : undefined;
    if (override !== undefined) parts = parseMessage(override);
    else if (lang === 'sr-Cyrl') parts = mapText(parseMessage(table['sr-Latn'][key]), toCyrillic);
    else parts = parseMessage(table[lang][key]);
    byKey.set(key, parts);
  }
  return parts;
}

export function translator<K extends string>(table: MessageTable<K>, lang: Language): Translate<K> {
  return (key, values) => formatMessage(messageParts(table, lang, key), lang, values);
}

/**
 * A message whose values may be markup (a `<time>` from dates.ts): the message and its text
 * values are escaped, markup values are kept as they are.
 */
export function htmlTranslator<K extends string>(table: MessageTable<K>, lang: Language): (key: K, values?: Record<string, string | number | SafeHtml>) => SafeHtml {
  return (key, values = {}) => {
    const markup = new Map<string, SafeHtml>();
    const plain: MessageValues = {};
    for (const [name, value] of Object.entries(values)) {
      if (value instanceof SafeHtml) {
        const mark = `\u0001${markup.size}\u0001`;
        markup.set(mark, value);
        plain[name] = mark;
      } else plain[name] = value;
    }
    let out = escapeHtml(formatMessage(messageParts(table, lang, key), lang, plain));
    for (const [mark, value] of markup) out = out.split(mark).join(value.value);
    return new SafeHtml(out);
  };
}

/** A catalogue text (all authored languages) in the page language. */
export function localized(text: LocalizedText, lang: Language): string {
  return lang === 'sr-Cyrl' ? toCyrillic(text['sr-Latn']) : text[lang];
}

/**
 * A configured language map (`{ de: …, en: … }`: portal, authority and country names,
 * purposes, procedures) in the page language. Serbian may be configured as `sr` in either
 * script, or per script; it is shown in the page's script. English, then any, as fallback.
 */
export function configuredText(map: Readonly<Record<string, string>> | undefined, lang: Language, fallback = ''): string {
  if (!map) return fallback;
  if (lang === 'sr-Latn' || lang === 'sr-Cyrl') {
    const serbian = map[lang] ?? map.sr ?? map[lang === 'sr-Latn' ? 'sr-Cyrl' : 'sr-Latn'];
    if (serbian !== undefined) {
      if (lang === 'sr-Latn') return isCyrillic(serbian) ? toLatin(serbian) : serbian;
      return isCyrillic(serbian) ? serbian : toCyrillic(serbian);
    }
  }
  return map[lang] ?? map.en ?? Object.values(map)[0] ?? fallback;
}

/** Whether a configured language map has a text for this page language (not a fallback). */
export function hasConfiguredText(map: Readonly<Record<string, string>> | undefined, lang: Language): boolean {
  if (!map) return false;
  if (lang === 'sr-Latn' || lang === 'sr-Cyrl') return ['sr', 'sr-Latn', 'sr-Cyrl'].some((key) => map[key] !== undefined);
  return map[lang] !== undefined;
}

/** The primary language of a page language (`sr` for both Serbian scripts), for a configured map's keys. */
export function primaryLanguage(lang: Language): string {
  return lang.split('-')[0]!;
}
