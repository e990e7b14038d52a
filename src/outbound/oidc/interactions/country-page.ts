import type { Request, Response } from 'express';
import type { CountryConfig } from '../../../config/schema.js';
import { html } from '../../../web/html.js';
import { readCookie } from '../../../web/csrf.js';
import { pageLanguage, translator, type Language } from '../../../web/i18n.js';
import { page } from '../../../web/layout.js';
import { isPasserelleError } from '../../../core/errors.js';
import { countryHint } from '../country-hint.js';
import { finishInteraction } from '../finish-interaction.js';
import { oidcMessages } from '../messages.js';
import { selfClientId } from '../portals.js';
import { formPagePolicy } from '../page-policy.js';
import { csrfToken } from './csrf.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { clientIdOf, interactionFromRequest, scopesOf } from './load.js';
import { countryCookie, startUpstreamLogin } from './start-login.js';
import { walletChoice } from './wallet-login.js';

/** Countries offered: configured ones the inbound adapter can serve, last used first. */
function offeredCountries(deps: InteractionDeps, remembered: string | undefined): CountryConfig[] {
  const served = new Set(deps.adapter().countries());
  const countries = deps.ctx.config.countries.filter((c) => served.has(c.code));
  return countries.sort((a, b) => Number(b.code === remembered) - Number(a.code === remembered));
}

/** A country's name in its own (first) language, and in the page language when that differs. */
function countryNames(country: CountryConfig, lang: Language): { own: string; ownLang: string; local?: string } {
  const ownLang = country.languages[0] ?? 'en';
  const own = country.names[ownLang] ?? country.names.en ?? country.code;
  const local = country.names[lang];
  return { own, ownLang, ...(local && local !== own ? { local } : {}) };
}

/**
 * GET /interaction/:uid at the login step. A country hint from the portal (`country=IT`
 * or `login_hint=country:IT`) skips the page; otherwise each country is a link (a plain
 * navigation, so the IdP's origin need not be in our form-action policy).
 */
export async function showLoginStep(deps: InteractionDeps, req: Request, res: Response, interaction: Interaction): Promise<void> {
  try {
    deps.portals.subject(clientIdOf(interaction), scopesOf(interaction));
  } catch (error) {
    if (!isPasserelleError(error)) throw error;
    return finishInteraction(res, interaction, { error: 'invalid_scope', error_description: error.message });
  }
  const hint = countryHint(interaction.params);
  if (hint && deps.adapter().countries().includes(hint)) return startUpstreamLogin(deps, req, res, interaction, hint);
  const lang = pageLanguage(req, res, { uiLocales: interaction.params.ui_locales });
  const t = translator(oidcMessages, lang);
  const remembered = readCookie(req, countryCookie(deps));
  const countries = offeredCountries(deps, remembered);
  const portal = deps.portals.displayName(clientIdOf(interaction), lang);
  const links = countries.map((country) => {
    const names = countryNames(country, lang);
    return html`<li><a class="button secondary" rel="nofollow" href="/interaction/${interaction.uid}/country/${country.code}">
<span lang="${names.ownLang}">${names.own}</span>${names.local ? html` <span class="muted">(${names.local})</span>` : ''}${country.code === remembered ? html` <span class="muted">· ${t('countryLastUsed')}</span>` : ''}</a></li>`;
  });
  res.setHeader('Content-Security-Policy', formPagePolicy([String(interaction.params.redirect_uri ?? '')], deps.https));
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page({
    title: t('countryTitle'),
    lang,
    path: `/interaction/${interaction.uid}`,
    body: html`<h1>${t('countryTitle')}</h1>
<p>${clientIdOf(interaction) === selfClientId ? t('countryIntroSelf') : t('countryIntro', { portal })}</p>
${countries.length > 0
    ? html`<nav aria-label="${t('countryListLabel')}"><ul class="choices">${links}</ul></nav>`
    : html`<div class="error" role="alert"><p>${t('countryNone')}</p></div>`}
${walletChoice(deps, interaction, lang)}
<form method="post" action="/interaction/${interaction.uid}/abort">
<input type="hidden" name="_csrf" value="${csrfToken(deps.csrfSecret, interaction.uid, 'abort')}">
<div class="actions"><button type="submit" class="secondary">${t('cancel')}</button></div>
</form>`,
  }));
}

/** GET /interaction/:uid/country/:code — the citizen picked a country. */
export function chooseCountry(deps: InteractionDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const interaction = await interactionFromRequest(deps, req, res, 'login');
    await startUpstreamLogin(deps, req, res, interaction, String(req.params.code ?? ''));
  };
}
