import type { Request, Response } from 'express';
import { html } from './html.js';
import { pageLanguage, translator } from './i18n.js';
import { layoutMessages } from './layout-messages.js';
import { autoPostPolicy } from './security.js';

/**
 * Sends a page that posts `fields` to `action` at once (with a button for browsers without
 * JavaScript), in the page language. Used by the SAML HTTP-POST binding; the CSP is relaxed
 * for this response only.
 */
export function sendAutoPost(req: Request, res: Response, action: string, fields: Record<string, string>): void {
  const lang = pageLanguage(req, undefined);
  const t = translator(layoutMessages, lang);
  const { header, nonce } = autoPostPolicy(action);
  res.setHeader('Content-Security-Policy', header);
  res.setHeader('Cache-Control', 'no-store');
  const inputs = Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  res.type('html').send('<!doctype html>\n' + html`<html lang="${lang}"><head><meta charset="utf-8"><title>${t('continue')} · Passerelle</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/passerelle.css"></head>
<body><main><h1>${t('autoPostHeading')}</h1><form method="post" action="${action}" id="auto-post">${inputs}
<noscript><p>${t('noScript')}</p></noscript>
<button type="submit">${t('continue')}</button></form></main>
<script nonce="${nonce}">document.getElementById('auto-post').submit();</script></body></html>`.value);
}
