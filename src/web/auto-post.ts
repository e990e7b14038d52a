import type { Response } from 'express';
import { html } from './html.js';
import { autoPostPolicy } from './security.js';

/**
 * Sends a page that posts `fields` to `action` at once (with a button for browsers without
 * JavaScript). Used by the SAML HTTP-POST binding; the CSP is relaxed for this response only.
 */
export function sendAutoPost(res: Response, action: string, fields: Record<string, string>, label = 'Continue'): void {
  const { header, nonce } = autoPostPolicy(action);
  res.setHeader('Content-Security-Policy', header);
  res.setHeader('Cache-Control', 'no-store');
  const inputs = Object.entries(fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  res.type('html').send('<!doctype html>\n' + html`<html lang="en"><head><meta charset="utf-8"><title>${label}</title>
<link rel="stylesheet" href="/static/passerelle.css"></head>
<body><main><form method="post" action="${action}" id="auto-post">${inputs}
<noscript><p>JavaScript is off: press the button to continue.</p></noscript>
<button type="submit">${label}</button></form></main>
<script nonce="${nonce}">document.getElementById('auto-post').submit();</script></body></html>`.value);
}
