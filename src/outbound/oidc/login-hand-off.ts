import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { accountKey } from '../../core/citizen-key.js';
import type { PasserelleError } from '../../core/errors.js';
import { loaSatisfies, type Loa } from '../../core/loa.js';
import type { AppContext } from '../../context.js';
import type { IdentityAdapter, LoginFailureFacts, LoginHandOff } from '../../inbound/identity-adapter.js';
import { sendError } from '../../web/error-response.js';
import { pageLanguage } from '../../web/i18n.js';
import { walletMinimumLoa } from './acr.js';
import { linkedAccount } from './identity-links.js';
import { offerLinkIfMatching } from './interactions/link-page.js';
import { loginResult } from './login-result.js';
import type { CitizenStore } from './citizen-store.js';
import type { ExitPages } from './exit-pages.js';
import { pendingInteraction } from './finish-interaction.js';
import type { Interaction } from './interactions/deps.js';
import { levelOutOfReach } from './country-reach.js';
import { minimumLoaFor } from './requested-loa.js';

/**
 * Where an inbound adapter hands the browser back. Success becomes the interaction's login
 * (account id = citizen key, acr and amr from src/outbound/oidc/acr.ts); the LoA is checked
 * again here against what the portal asked for. Every outcome is answered with a page of
 * ours (exit-pages.ts), never a redirect, so the IdP page's CSP cannot stop the way back:
 * a level below the request becomes `unmet_authentication_requirements` (OpenID Connect
 * Core errata), cancellations, IdP failures and an expired login `access_denied`, each
 * reaching the portal with its state and iss. Where the citizen must know why (level too
 * low, IdP failure, expiry) the page says so before she continues.
 */
export function loginHandOff(ctx: AppContext, provider: () => Provider, citizens: CitizenStore, exits: ExitPages, adapter: () => IdentityAdapter | undefined = () => undefined): LoginHandOff {
  function refuseLoa(req: Request, res: Response, interaction: Interaction, required: Loa, asserted: Loa | undefined, country: string | undefined): Promise<void> {
    ctx.logger.warn({ flow: interaction.cid, asserted, minimum: required }, 'login refused: level of assurance below the requested minimum');
    const certified = country ? levelOutOfReach(adapter(), country, required) : undefined;
    return exits.continueWith(req, res, interaction, {
      error: 'unmet_authentication_requirements',
      error_description: 'the level of assurance of the login is lower than requested',
    }, { kind: 'loaTooLow', required, asserted, ...(country && certified ? { beyondCountry: { country, certified } } : {}) });
  }

  return {
    async loginSucceeded(req, res, flowId, citizen: AuthenticatedCitizen) {
      const interaction = await pendingInteraction(provider(), flowId, 'login');
      if (!interaction) return exits.flowEnded(req, res, flowId);
      const wallet = citizen.source.protocol === 'openid4vp';
      // A wallet PID's country need not be an eIDAS country here: its floor is the wallet's, its trust the trusted list's.
      const country = ctx.config.countries.find((c) => c.code === citizen.country);
      const minimum = minimumLoaFor(interaction.params.acr_values, wallet ? walletMinimumLoa : country?.minimumLoa ?? 'high');
      if ((!country && !wallet) || !loaSatisfies(citizen.loa, minimum)) return refuseLoa(req, res, interaction, minimum, citizen.loa, wallet ? undefined : citizen.country);
      let accountId = accountKey(citizen, ctx.config.secrets.pairwiseSecret);
      if (wallet) {
        // A linked wallet subject logs in as the eIDAS account it was linked to; an unlinked one
        // whose browser holds a matching eIDAS session is offered the link, never linked silently.
        const linked = await linkedAccount(ctx.db, accountId);
        if (linked) accountId = linked;
        else if (await offerLinkIfMatching(ctx, citizens, req, res, interaction, accountId, citizen)) return;
      }
      await citizens.save(accountId, citizen);
      ctx.logger.info({ flow: interaction.cid, loa: citizen.loa, onBehalfOfOrganisation: Boolean(citizen.onBehalfOf) }, 'citizen logged in');
      return exits.continueWith(req, res, interaction, loginResult(accountId, citizen), { kind: 'loggedIn' });
    },

    async loginFailed(req, res, flowId, error: PasserelleError, facts: LoginFailureFacts = {}) {
      const interaction = await pendingInteraction(provider(), flowId, 'login');
      if (!interaction) return exits.flowEnded(req, res, flowId);
      ctx.logger.warn({ flow: interaction.cid, code: error.code }, 'upstream login failed');
      switch (error.code) {
        case 'authentication_cancelled':
          return exits.continueWith(req, res, interaction, { error: 'access_denied', error_description: 'the citizen cancelled the login' }, { kind: 'cancelled' });
        case 'loa_too_low':
          return refuseLoa(req, res, interaction, facts.requestedLoa ?? minimumLoaFor(interaction.params.acr_values, 'high'), facts.assertedLoa, facts.country);
        case 'saml_attempts_exhausted':
          return exits.continueWith(req, res, interaction, { error: 'access_denied', error_description: 'too many answers to the login were refused' }, { kind: 'answersRefused' });
        case 'login_flow_expired':
          return exits.continueWith(req, res, interaction, { error: 'access_denied', error_description: 'the login expired before it was completed' }, { kind: 'expired' });
        default:
          return exits.continueWith(req, res, interaction, { error: 'access_denied', error_description: 'the identity provider could not authenticate the citizen' }, { kind: 'idpFailed', country: facts.country ?? '' });
      }
    },

    async loginOver(req, res, flowId, error: PasserelleError) {
      const back = await exits.returnLink(flowId, pageLanguage(req, res));
      sendError(req, res, error, ctx.logger, back);
    },
  };
}
