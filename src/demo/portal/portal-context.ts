import type { Request, Response } from 'express';
import type * as client from 'openid-client';
import { portalDocument, type Markup } from './html.js';
import { readCookie, type SessionStore } from './session.js';
import type { PortalTexts, PortalTheme } from './texts.js';

/** What the portal's routes share. */
export interface PortalContext {
  publicUrl: string;
  /** Passerelle's base URL (issuer `<passerelleUrl>/oidc`, evidence API `<passerelleUrl>/api/evidence`). */
  passerelleUrl: string;
  callbackUrl: string;
  scope: string;
  acrValues?: string;
  theme: PortalTheme;
  sessions: SessionStore;
  relyingParty(): Promise<client.Configuration>;
  language(req: Request, res: Response): string;
  texts(req: Request, res: Response): PortalTexts;
  name(lang: string): string;
  render(req: Request, res: Response, title: string, body: Markup): void;
}

export interface PortalContextInput {
  publicUrl: string;
  passerelleUrl: string;
  scope: string;
  acrValues?: string;
  theme: PortalTheme;
  names: Record<string, string>;
  sessions: SessionStore;
  languageCookie: string;
  relyingParty(): Promise<client.Configuration>;
}

/** `?lang=` switches (and is remembered); otherwise the browser's first supported language. */
function chooseLanguage(req: Request, res: Response, languages: readonly string[], cookie: string): string {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
  if (asked && languages.includes(asked)) {
    res.cookie(cookie, asked, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86_400_000 });
    return asked;
  }
  const remembered = readCookie(req, cookie);
  if (remembered && languages.includes(remembered)) return remembered;
  for (const part of (req.headers['accept-language'] ?? '').split(',')) {
    const lang = part.trim().slice(0, 2).toLowerCase();
    if (languages.includes(lang)) return lang;
  }
  return languages[0] ?? 'en';
}

export function portalContext(input: PortalContextInput): PortalContext {
  const context: PortalContext = {
    publicUrl: input.publicUrl,
    passerelleUrl: input.passerelleUrl,
    callbackUrl: input.publicUrl + '/callback',
    scope: input.scope,
    ...(input.acrValues ? { acrValues: input.acrValues } : {}),
    theme: input.theme,
    sessions: input.sessions,
    relyingParty: input.relyingParty,
    language: (req, res) => chooseLanguage(req, res, input.theme.languages, input.languageCookie),
    texts: (req, res) => {
      const lang = context.language(req, res);
      return input.theme.texts[lang] ?? input.theme.texts[input.theme.languages[0]!]!;
    },
    name: (lang) => input.names[lang] ?? input.names.en ?? Object.values(input.names)[0] ?? 'Portal',
    render: (req, res, title, body) => {
      const lang = context.language(req, res);
      res.setHeader('Cache-Control', 'no-store');
      res.type('html').send(portalDocument({ lang, title, portalName: context.name(lang), languages: input.theme.languages, path: req.path, body }));
    },
  };
  return context;
}
