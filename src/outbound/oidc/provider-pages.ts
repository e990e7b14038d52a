import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Request } from 'express';
import { html, raw } from '../../web/html.js';
import { pageLanguage, translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import type { Logger } from '../../web/logger.js';
import { oidcMessages } from './messages.js';
import { formPagePolicy } from './page-policy.js';

/**
 * The pages oidc-provider itself renders, in our layout and languages: the error page
 * (unknown client, unregistered redirect URI and every other error it may not redirect),
 * the logout confirmation and the logged-out page.
 */
function languageOf(ctx: KoaContextWithOIDC) {
  return pageLanguage(ctx.req as unknown as Request, undefined, { uiLocales: ctx.oidc?.params?.ui_locales });
}

type ReturnLink = (uid: string, lang: Language) => Promise<{ href: string; label: string } | undefined>;

/** The interaction uid of a resume request (/oidc/auth/:uid), where back or refresh lands after a login ended. */
function resumedUid(ctx: KoaContextWithOIDC): string | undefined {
  return /^\/oidc\/auth\/([A-Za-z0-9_-]{1,64})$/.exec(ctx.path)?.[1] ?? /^\/auth\/([A-Za-z0-9_-]{1,64})$/.exec(ctx.path)?.[1];
}

export function renderErrorPage(logger: Logger, returnLink: ReturnLink) {
  return async (ctx: KoaContextWithOIDC, out: { error: string; error_description?: string }, error: Error): Promise<void> => {
    const lang = languageOf(ctx);
    const t = translator(oidcMessages, lang);
    logger.warn({ error: out.error, status: ctx.status, name: error.name }, 'oidc request refused with an error page');
    const uid = resumedUid(ctx);
    const back = uid ? await returnLink(uid, lang).catch(() => undefined) : undefined;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = page({
      title: t('errorTitle'),
      lang,
      body: html`<h1>${t('errorTitle')}</h1>
<div class="error" role="alert"><p>${t('errorBody')}</p></div>
${back ? html`<p class="actions"><a class="button" href="${back.href}">${back.label}</a></p>` : ''}
<p class="muted">${t('errorDetail')}: <code>${out.error}</code>${out.error_description ? html` — <span lang="en">${out.error_description}</span>` : ''}</p>`,
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
