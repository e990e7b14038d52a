import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { PasserelleError } from '../../core/errors.js';
import type { Loa } from '../../core/loa.js';
import type { AppContext } from '../../context.js';
import { sendError } from '../../web/error-response.js';
import { html, type SafeHtml } from '../../web/html.js';
import { pageLanguage, translator, type Language } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import { errorReturnButton } from './error-return.js';
import { countryNameIn } from './interactions/country-list.js';
import { saveInteractionResult } from './finish-interaction.js';
import type { FlowReturn, FlowReturns } from './flow-returns.js';
import type { Interaction } from './interactions/deps.js';
import { oidcMessages } from './messages.js';
import { formPagePolicy } from './page-policy.js';
import type { PortalRegistry } from './portals.js';

/** Why the citizen must read something before going back (otherwise the page continues at once). */
export type ExitNotice =
  | { kind: 'loggedIn' }
  | { kind: 'cancelled' }
  | { kind: 'loaTooLow'; required: Loa; asserted: Loa | undefined; beyondCountry?: { country: string; certified: Loa } }
  /** The portal's country hint (or a direct link) names a country certified below the required level. */
  | { kind: 'countryBelowLevel'; country: string; required: Loa; certified: Loa }
  | { kind: 'idpFailed'; country: string }
  | { kind: 'answersRefused' }
  | { kind: 'expired' };

export interface ExitPages {
  /**
   * Stores the interaction's result and answers with a page of our own that continues to
   * oidc-provider's resume endpoint. The SAML response arrives by a form the IdP's page
   * posted, and browsers apply that page's CSP `form-action` to every redirect that follows
   * the post: a 303 chain from the ACS to the portal is blocked when the IdP allows only our
   * origin. A page of ours ends that navigation; the way on is a new, plain one.
   */
  continueWith(req: Request, res: Response, interaction: Interaction, result: InteractionResults, notice: ExitNotice): Promise<void>;
  /** A login whose interaction is gone: explains, and links to the portal (with an OAuth error once it has expired). */
  flowEnded(req: Request, res: Response, uid: string, error?: PasserelleError): Promise<void>;
  /** The link back to the portal for an interaction that no longer exists, or undefined. */
  returnLink(uid: string, lang: Language): Promise<{ href: string; label: string } | undefined>;
}

export function exitPages(ctx: AppContext, provider: () => Provider, portals: PortalRegistry, returns: FlowReturns): ExitPages {
  const https = ctx.config.publicUrl.startsWith('https://');
  const issuer = ctx.config.publicUrl + '/oidc';
  const nowSeconds = () => Math.floor(ctx.clock.now() / 1000);

  const countryName = (code: string, lang: Language): string => countryNameIn(ctx.config.countries.find((c) => c.code === code), code, lang);

  function send(res: Response, options: { lang: Language; title: string; body: SafeHtml; continueTo?: string; formTargets?: string[] }): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', formPagePolicy(options.formTargets ?? [], https));
    res.type('html').send(page({ title: options.title, lang: options.lang, body: options.body, ...(options.continueTo ? { continueTo: options.continueTo } : {}) }));
  }

  return {
    async continueWith(req, res, interaction, result, notice) {
      await saveInteractionResult(interaction, result);
      const lang = pageLanguage(req, res, { uiLocales: interaction.params.ui_locales });
      const t = translator(oidcMessages, lang);
      const portal = portals.displayName(String(interaction.params.client_id ?? ''), lang);
      const button = html`<p class="actions"><a class="button" id="continue" href="${interaction.returnTo}">${t('continueButton', { portal })}</a></p>`;
      const explained = (title: string, body: string) => send(res, {
        lang, title,
        body: html`<h1>${title}</h1><div class="error" role="alert"><p>${body}</p></div>${button}`,
      });
      switch (notice.kind) {
        case 'loaTooLow':
          // Never suggest a retry at a level her country's eID cannot reach.
          if (notice.beyondCountry) {
            return explained(t('loaTooLowTitle'), t('loaBeyondCountryBody', {
              portal, country: countryName(notice.beyondCountry.country, lang),
              required: t(`loa_${notice.required}`), certified: t(`loa_${notice.beyondCountry.certified}`),
            }));
          }
          return explained(t('loaTooLowTitle'), notice.asserted
            ? t('loaTooLowBody', { portal, required: t(`loa_${notice.required}`), asserted: t(`loa_${notice.asserted}`) })
            : t('loaUnknownBody', { portal, required: t(`loa_${notice.required}`) }));
        case 'countryBelowLevel':
          return explained(t('countryBelowLevelTitle'), t('countryBelowLevelBody', {
            portal, country: countryName(notice.country, lang), required: t(`loa_${notice.required}`), certified: t(`loa_${notice.certified}`),
          }));
        case 'idpFailed': {
          const country = ctx.config.countries.find((c) => c.code === notice.country);
          return explained(t('idpFailedTitle'), t('idpFailedBody', { portal, country: country?.names[lang] ?? country?.names.en ?? notice.country }));
        }
        case 'expired':
          return explained(t('flowExpiredTitle'), t('flowExpiredBody', { portal }));
        case 'answersRefused':
          return explained(t('answersRefusedTitle'), t('answersRefusedBody', { portal }));
        default:
          return send(res, {
            lang, title: t('continueTitle', { portal }), continueTo: interaction.returnTo,
            body: html`<h1>${t('continueTitle', { portal })}</h1><p role="status">${t(notice.kind === 'loggedIn' ? 'continueLoggedIn' : 'continueCancelled', { portal })}</p>${button}`,
          });
      }
    },

    async flowEnded(req, res, uid, error = new PasserelleError('login_flow_expired', 'no waiting interaction')) {
      const target = await returns.find(uid);
      if (!target) return sendError(req, res, error, ctx.logger);
      const lang = pageLanguage(req, res);
      const t = translator(oidcMessages, lang);
      const portal = portals.displayName(target.clientId, lang);
      if (await provider().Interaction.find(uid)) {
        // Still running, but not for this request (another browser, a step already taken):
        // the usual refusal, with the way back to the portal.
        return sendError(req, res, error, ctx.logger, { href: portalHome(target), label: t('returnButton', { portal }) });
      }
      res.status(400);
      if (target.interactionExp > nowSeconds()) {
        // Gone before its expiry: completed or cancelled already. The portal has its answer.
        return send(res, {
          lang, title: t('flowFinishedTitle'),
          body: html`<h1>${t('flowFinishedTitle')}</h1><div class="error" role="alert"><p>${t('flowFinishedBody', { portal })}</p></div>
<p class="actions"><a class="button" href="${portalHome(target)}">${t('returnButton', { portal })}</a></p>`,
        });
      }
      const action = errorReturnButton(target, issuer, { code: 'access_denied', description: 'the login expired before it was completed' }, t('returnButton', { portal }));
      return send(res, {
        lang, title: t('flowExpiredTitle'), formTargets: [target.redirectUri],
        body: html`<h1>${t('flowExpiredTitle')}</h1><div class="error" role="alert"><p>${t('flowExpiredBody', { portal })}</p></div>${action}`,
      });
    },

    async returnLink(uid, lang) {
      const target = await returns.find(uid);
      if (!target) return undefined;
      const t = translator(oidcMessages, lang);
      return { href: portalHome(target), label: t('returnButton', { portal: portals.displayName(target.clientId, lang) }) };
    },
  };
}

/** The portal's site: the origin of the redirect URI it used. */
function portalHome(target: FlowReturn): string {
  return new URL(target.redirectUri).origin + '/';
}
