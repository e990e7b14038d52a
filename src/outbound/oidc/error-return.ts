import { html, type SafeHtml } from '../../web/html.js';

/** Where an authorization answer goes: a redirect URI already checked against the portal's registration. */
export interface ReturnTarget {
  redirectUri: string;
  state?: string;
  responseMode?: string;
}

/**
 * The portal's redirect URI with an OAuth error, as oidc-provider would have sent it (RFC 6749
 * §4.1.2.1, RFC 9207 `iss`), in the response mode the portal asked for.
 */
function errorResponse(target: ReturnTarget, issuer: string, error: string, description: string): { href?: string; form?: Record<string, string> } {
  const fields: Record<string, string> = { error, error_description: description, iss: issuer, ...(target.state !== undefined ? { state: target.state } : {}) };
  if (target.responseMode === 'form_post') return { form: fields };
  const url = new URL(target.redirectUri);
  const encoded = new URLSearchParams(fields).toString();
  if (target.responseMode === 'fragment') url.hash = encoded;
  else for (const [name, value] of Object.entries(fields)) url.searchParams.set(name, value);
  return { href: url.href };
}

/**
 * A button that takes the citizen back to the portal with the OAuth error: a link, or a form
 * for `form_post` (the page's CSP must allow the redirect URI as a form target).
 */
export function errorReturnButton(target: ReturnTarget, issuer: string, error: { code: string; description: string }, label: string): SafeHtml {
  const answer = errorResponse(target, issuer, error.code, error.description);
  return answer.form
    ? html`<form method="post" action="${target.redirectUri}">${Object.entries(answer.form).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<div class="actions"><button type="submit">${label}</button></div></form>`
    : html`<p class="actions"><a class="button" id="continue" href="${answer.href!}">${label}</a></p>`;
}
