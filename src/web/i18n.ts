import type { Request, Response } from 'express';

export const supportedLanguages = ['en', 'de', 'it', 'es', 'fr'] as const;
export type Language = (typeof supportedLanguages)[number];

/** A feature's own strings, one dictionary per language; English is complete and the fallback. */
export type MessageTable<K extends string> = { en: Record<K, string> } & Partial<Record<Language, Partial<Record<K, string>>>>;

export const languageNames: Record<Language, string> = {
  en: 'English', de: 'Deutsch', it: 'Italiano', es: 'Español', fr: 'Français',
};

const languageCookie = 'passerelle_lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

/**
 * The page language: an explicit `?lang=` switch (remembered in a cookie) overrides the
 * remembered choice, which overrides the browser's Accept-Language.
 */
export function pageLanguage(req: Request, res: Response | undefined, allowed: readonly Language[] = supportedLanguages): Language {
  const chosen = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (isLanguage(chosen) && allowed.includes(chosen)) {
    res?.cookie(languageCookie, chosen, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: 365 * 86_400_000 });
    return chosen;
  }
  const remembered = readCookie(req, languageCookie);
  if (isLanguage(remembered) && allowed.includes(remembered)) return remembered;
  const header = req.headers['accept-language'] ?? '';
  const ranked = header.split(',').map((part) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.find((p) => p.trim().startsWith('q='));
    return { lang: (tag ?? '').slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
  }).filter((entry) => entry.q > 0).sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLanguage(lang) && allowed.includes(lang)) return lang;
  return allowed[0] ?? 'en';
}

export function translator<K extends string>(table: MessageTable<K>, lang: Language): (key: K, vars?: Record<string, string | number>) => string {
  return (key, vars) => {
    const template = table[lang]?.[key] ?? table.en[key];
    return vars ? template.replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? '')) : template;
  };
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
