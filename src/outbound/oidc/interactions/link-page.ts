import type { Request, Response } from 'express';
import type { AuthenticatedCitizen } from '../../../core/citizen.js';
import { PasserelleError } from '../../../core/errors.js';
import type { AppContext } from '../../../context.js';
import { html } from '../../../web/html.js';
import { pageLanguage, translator } from '../../../web/i18n.js';
import { page } from '../../../web/layout.js';
import type { CitizenStore } from '../citizen-store.js';
import { linkMatch, recordLink } from '../identity-links.js';
import { loginResult } from '../login-result.js';
import { oidcMessages } from '../messages.js';
import { formPagePolicy } from '../page-policy.js';
import { checkCsrf, csrfToken } from './csrf.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { interactionFromRequest } from './load.js';

const step = (walletKey: string) => `link:${walletKey}`;

/** The eIDAS citizen of this browser's Passerelle session, if it has one. */
async function sessionEidasCitizen(citizens: CitizenStore, interaction: Interaction): Promise<{ key: string; citizen: AuthenticatedCitizen } | undefined> {
  const key = interaction.session?.accountId;
  const citizen = key ? await citizens.load(key) : undefined;
  return key && citizen && citizen.source.protocol !== 'openid4vp' ? { key, citizen } : undefined;
}

/**
 * After a wallet login, when this browser already holds an eIDAS login of a person the matching
 * rule finds to be the same (identity-links.ts), the citizen is asked whether to link the two.
 * Returns false (and does nothing) when there is nothing to offer. The wallet citizen waits in the
 * citizen store under its own key; the form carries that key under a CSRF token bound to it.
 */
export async function offerLinkIfMatching(ctx: AppContext, citizens: CitizenStore, req: Request, res: Response, interaction: Interaction, walletKey: string, wallet: AuthenticatedCitizen): Promise<boolean> {
  const eidas = await sessionEidasCitizen(citizens, interaction);
  if (!eidas || !linkMatch(wallet, eidas.citizen)) return false;
  await citizens.save(walletKey, wallet);
  const lang = pageLanguage(req, res, { uiLocales: interaction.params.ui_locales });
  const t = translator(oidcMessages, lang);
  const token = csrfToken(ctx.config.secrets.cookieKeys[0]!, interaction.uid, step(walletKey));
  res.setHeader('Content-Security-Policy', formPagePolicy([String(interaction.params.redirect_uri ?? '')], ctx.config.publicUrl.startsWith('https://')));
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page({
    title: t('linkTitle'),
    lang,
    body: html`<h1>${t('linkTitle')}</h1>
<p>${t('linkIntro', { name: `${wallet.givenName} ${wallet.familyName}`, country: eidas.citizen.country })}</p>
<p>${t('linkRule')}</p>
<form method="post" action="/interaction/${interaction.uid}/link">
<input type="hidden" name="_csrf" value="${token}">
<input type="hidden" name="wallet" value="${walletKey}">
<div class="actions"><button type="submit" name="decision" value="link">${t('linkYes')}</button>
<button type="submit" class="secondary" name="decision" value="keep-apart">${t('linkNo')}</button></div>
</form>`,
  }));
  return true;
}

/**
 * POST /interaction/:uid/link: "link" records the link (the rule is checked again) and logs in
 * as the eIDAS account, so the portal sees the sub it already knows; anything else logs in as the
 * wallet subject, unlinked.
 */
export function submitLink(deps: InteractionDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const interaction = await interactionFromRequest(deps, req, res, 'login');
    const body = req.body as Record<string, unknown>;
    const walletKey = typeof body.wallet === 'string' ? body.wallet : '';
    checkCsrf(req, deps.csrfSecret, deps.publicOrigin, interaction.uid, step(walletKey));
    const wallet = await deps.citizens.load(walletKey);
    if (!wallet) throw new PasserelleError('login_flow_expired', 'the wallet login waiting for the link decision is gone');
    let accountId = walletKey;
    if (body.decision === 'link') {
      const eidas = await sessionEidasCitizen(deps.citizens, interaction);
      const matchedOn = eidas ? linkMatch(wallet, eidas.citizen) : undefined;
      if (!eidas || !matchedOn) throw new PasserelleError('forbidden', 'no matching eIDAS login in this session');
      await recordLink(deps.ctx.db, { walletKey, eidasKey: eidas.key, matchedOn, at: deps.ctx.clock.now() });
      deps.ctx.logger.info({ flow: interaction.cid, matchedOn }, 'wallet subject linked to an eIDAS login');
      accountId = eidas.key;
      await deps.citizens.save(accountId, wallet);
    }
    return deps.exits.continueWith(req, res, interaction, loginResult(accountId, wallet), { kind: 'loggedIn' });
  };
}
