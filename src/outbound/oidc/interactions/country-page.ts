import type { Request, Response } from 'express';
import type { CountryConfig } from '../../../config/schema.js';
import { html } from '../../../web/html.js';
import { readCookie } from '../../../web/csrf.js';
import { pageLanguage, translator } from '../../../web/i18n.js';
import { page } from '../../../web/layout.js';
import { isPasserelleError } from '../../../core/errors.js';
import { countryHint } from '../country-hint.js';
import { levelOutOfReach } from '../country-reach.js';
import { minimumLoaFor } from '../requested-loa.js';
import { finishInteraction } from '../finish-interaction.js';
import { oidcMessages } from '../messages.js';
import { selfClientId } from '../portals.js';
import { formPagePolicy } from '../page-policy.js';
import { countryChoices, searchTerms } from './country-list.js';
import { csrfToken } from './csrf.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { clientIdOf, interactionFromRequest, scopesOf } from './load.js';
import { countryCookie, startUpstreamLogin } from './start-login.js';
import { walletChoice } from './wallet-login.js';

/** Countries offered: the configured ones the inbound adapter can serve. */
function offeredCountries(deps: InteractionDeps): CountryConfig[] {
  const served = new Set(deps.adapter().countries());
  return deps.ctx.config.countries.filter((c) => served.has(c.code));
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
  const adapter = deps.adapter();
  const lang = pageLanguage(req, res, { uiLocales: interaction.params.ui_locales });
  const t = translator(oidcMessages, lang);
  const remembered = readCookie(req, countryCookie(deps));
  const offered = offeredCountries(deps);
  const query = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
  const all = countryChoices(offered, lang, remembered);
  const matching = new Set(countryChoices(offered, lang, remembered, query).map((c) => c.code));
  const portal = deps.portals.displayName(clientIdOf(interaction), lang);
  const byCode = new Map(offered.map((c) => [c.code, c]));
  const items = all.map((choice) => {
    const label = html`${choice.name}${choice.own ? html` <span class="muted">(<span lang="${choice.own.lang}">${choice.own.name}</span>)</span>` : ''}${choice.lastUsed ? html` <span class="muted">· ${t('countryLastUsed')}</span>` : ''}`;
    const required = minimumLoaFor(interaction.params.acr_values, byCode.get(choice.code)!.minimumLoa);
    const certified = levelOutOfReach(adapter, choice.code, required);
    // A login that can only end in "level too low" is not offered; the citizen reads why.
    const entry = certified
      ? html`<div class="unavailable" id="unavailable-${choice.code}"><span>${label}</span> <span class="muted">${t('countryBelowLevelShort', { required: t(`loa_${required}`), certified: t(`loa_${certified}`) })}</span></div>`
      : html`<a class="button secondary" rel="nofollow" href="/interaction/${interaction.uid}/country/${choice.code}">
${label}</a>`;
    return html`<li data-search="${searchTerms(choice, byCode.get(choice.code)!).join('|')}"${matching.has(choice.code) ? '' : html` hidden`}>${entry}</li>`;
  });
  const path = `/interaction/${interaction.uid}`;
  res.setHeader('Content-Security-Policy', formPagePolicy([String(interaction.params.redirect_uri ?? '')], deps.https));
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page({
    title: t('countryTitle'),
    lang,
    path,
    ...(query ? { keepQuery: { q: query } } : {}),
    body: html`<h1>${t('countryTitle')}</h1>
<p>${clientIdOf(interaction) === selfClientId ? t('countryIntroSelf') : t('countryIntro', { portal })}</p>
${all.length > 0
    ? html`<form method="get" action="${path}" role="search" id="country-filter" class="filter">
<label for="country-query">${t('countryFilterLabel')}</label>
<div class="filter-row"><input type="search" id="country-query" name="q" value="${query}" autocomplete="off" spellcheck="false">
<button type="submit" class="secondary">${t('countryFilterButton')}</button></div>
</form>
<p id="country-status" role="status" data-none="${t('countryNoMatch')}">${matching.size === 0 ? html`${t('countryNoMatch')} <a href="${path}">${t('countryShowAll')}</a>` : ''}</p>
<nav aria-label="${t('countryListLabel')}"><ul class="choices countries" id="country-list">${items}</ul></nav>
<script src="/static/country-filter.js" defer></script>`
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
