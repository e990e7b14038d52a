import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Request } from 'express';
import { html, raw } from '../../web/html.js';
import { pageLanguage, translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import type { Logger } from '../../web/logger.js';
import { errorCatalogue } from '../../core/errors.js';
import { errorPage, errorPageMessages, isDatabaseOutageError, retryAfterSeconds } from '../../web/error-response.js';
import { errorReturnButton, type ReturnTarget } from './error-return.js';
import { oidcErrorKey, oidcErrorMessages } from './error-page-messages.js';
import { oidcMessages } from './messages.js';
import type { PortalRegistry } from './portals.js';
import { formPagePolicy } from './page-policy.js';

/**
 * The pages oidc-provider itself renders, in our layout and languages: the error page
 * (unknown client, unregistered redirect URI and every other error it may not redirect),
 * the logout confirmation and the logged-out page.
 */
function languageOf(ctx: KoaContextWithOIDC) {
  // The raw query when the failure came before oidc-provider assembled its parameters.
  return pageLanguage(ctx.req as unknown as Request, undefined, { uiLocales: ctx.oidc?.params?.ui_locales ?? ctx.query?.ui_locales });
}

type ReturnLink = (uid: string, lang: Language) => Promise<{ href: string; label: string } | undefined>;

export interface ErrorPageParts {
  logger: Logger;
  issuer: string;
  portals: PortalRegistry;
  /** The way back to the portal of a login whose interaction is gone. */
  returnLink: ReturnLink;
}

/** The interaction uid of a resume request (/oidc/auth/:uid), where back or refresh lands after a login ended. */
function resumedUid(ctx: KoaContextWithOIDC): string | undefined {
  return /^\/oidc\/auth\/([A-Za-z0-9_-]{1,64})$/.exec(ctx.path)?.[1] ?? /^\/auth\/([A-Za-z0-9_-]{1,64})$/.exec(ctx.path)?.[1];
}

function correlationIdOf(ctx: KoaContextWithOIDC): string {
  return String((ctx.req as { id?: unknown }).id ?? '');
}

/**
 * An authorization request whose client and redirect URI are registered: the portal may be
 * told why the login could not start (RFC 6749 §4.1.2.1). Read from the raw request, as the
 * failure may come before oidc-provider assembled its parameters.
 */
function registeredReturn(ctx: KoaContextWithOIDC, portals: PortalRegistry): (ReturnTarget & { clientId: string }) | undefined {
  if (!/^\/(oidc\/)?auth$/.test(ctx.path)) return undefined;
  const source = (ctx.oidc?.params ?? (ctx.method === 'POST' ? ctx.oidc?.body : ctx.query) ?? {}) as Record<string, unknown>;
  const text = (name: string) => (typeof source[name] === 'string' ? source[name] : undefined);
  const clientId = text('client_id');
  const redirectUri = text('redirect_uri');
  if (!clientId || !redirectUri || !portals.get(clientId)?.redirectUris.includes(redirectUri)) return undefined;
  const state = text('state');
  const responseMode = text('response_mode');
  return { clientId, redirectUri, ...(state !== undefined ? { state } : {}), ...(responseMode !== undefined ? { responseMode } : {}) };
}

/**
 * The database is away: 503 with Retry-After and the page every other route shows for it, in
 * the page language; from an authorization request of a registered portal, a button back to it
 * with `temporarily_unavailable`.
 */
export function unavailablePage(parts: ErrorPageParts) {
  return (ctx: KoaContextWithOIDC): void => {
    const lang = languageOf(ctx);
    const target = registeredReturn(ctx, parts.portals);
    const back = target ? errorReturnButton(target, parts.issuer, { code: 'temporarily_unavailable', description: errorCatalogue.database_unreachable.description },
      translator(oidcMessages, lang)('returnButton', { portal: parts.portals.displayName(target.clientId, lang) })) : undefined;
    ctx.status = 503;
    ctx.set('Retry-After', String(retryAfterSeconds));
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = errorPage(lang, 'database_unreachable', correlationIdOf(ctx), back);
  };
}

/**
 * oidc-provider's error page: what went wrong in our own words and the page language (by
 * error code, see error-page-messages.ts); the library's English description goes to the log
 * only, next to the correlation id the page shows.
 */
export function renderErrorPage(parts: ErrorPageParts) {
  const unavailable = unavailablePage(parts);
  return async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, error: Error): Promise<void> => {
    if (isDatabaseOutageError(error)) return unavailable(ctx);
    const lang = languageOf(ctx);
    const t = translator(oidcMessages, lang);
    parts.logger.warn({ error: out.error, description: out.error_description?.slice(0, 200), status: ctx.status, name: error.name }, 'oidc request refused with an error page');
    const uid = resumedUid(ctx);
    const back = uid ? await parts.returnLink(uid, lang).catch(() => undefined) : undefined;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page({
      title: t('errorTitle'),
      lang,
      body: html`<h1>${t('errorTitle')}</h1>
<div class="error" role="alert"><p>${translator(oidcErrorMessages, lang)(oidcErrorKey(out.error, error.name))}</p></div>
${back ? html`<p class="actions"><a class="button" href="${back.href}">${back.label}</a></p>` : ''}
<p class="muted">${t('errorDetail')}: <code>${out.error}</code> · ${translator(errorPageMessages, lang)('reference')}: <code>${correlationIdOf(ctx)}</code></p>`,
    });
  };
}

export function logoutPage(postLogoutTargets: string[], https: boolean) {
  return (ctx: KoaContextWithOIDC, form: string): void => {
    const lang = languageOf(ctx);
    const t = translator(oidcMessages, lang);
    ctx.set('Content-Security-Policy', formPagePolicy(postLogoutTargets, https));
    ctx.type = 'html';
    // `form` is oidc-provider's own markup (action and xsrf token), not user input.
    ctx.body = page({
      title: t('logoutTitle'),
      lang,
      body: html`<h1>${t('logoutTitle')}</h1>
<p>${t('logoutIntro')}</p>
${raw(form)}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes">${t('logoutYes')}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t('logoutNo')}</button>
</div>`,
    });
  };
}

export function loggedOutPage(ctx: KoaContextWithOIDC): void {
  const lang = languageOf(ctx);
  const t = translator(oidcMessages, lang);
  ctx.type = 'html';
  ctx.body = page({ title: t('loggedOutTitle'), lang, body: html`<h1>${t('loggedOutTitle')}</h1><p>${t('loggedOutBody')}</p>` });
}
