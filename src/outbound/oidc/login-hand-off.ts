import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { citizenKey } from '../../core/citizen-key.js';
import { PasserelleError } from '../../core/errors.js';
import { loaSatisfies } from '../../core/loa.js';
import type { AppContext } from '../../context.js';
import type { LoginHandOff } from '../../inbound/identity-adapter.js';
import { sendError } from '../../web/error-response.js';
import type { CitizenStore } from './citizen-store.js';
import { acrFor, walletMinimumLoa } from './acr.js';
import { finishInteraction, pendingInteraction } from './finish-interaction.js';
import { minimumLoaFor } from './requested-loa.js';

/**
 * Where an inbound adapter hands the browser back. Success becomes the interaction's login
 * (account id = citizen key, acr and amr from src/outbound/oidc/acr.ts); the LoA is checked
 * again here against what the portal asked for. Failures and cancellations become
 * `access_denied`, which oidc-provider returns to the portal with its state and iss.
 */
export function loginHandOff(ctx: AppContext, provider: () => Provider, citizens: CitizenStore): LoginHandOff {
  const expired = (req: Request, res: Response) => sendError(req, res, new PasserelleError('login_flow_expired'), ctx.logger);

  return {
    async loginSucceeded(req, res, flowId, citizen: AuthenticatedCitizen) {
      const interaction = await pendingInteraction(provider(), flowId, 'login');
      if (!interaction) return expired(req, res);
      const wallet = citizen.source.protocol === 'openid4vp';
      // A wallet PID's country need not be an eIDAS country here: its floor is the wallet's, its trust the trusted list's.
      const country = ctx.config.countries.find((c) => c.code === citizen.country);
      const minimum = minimumLoaFor(interaction.params.acr_values, wallet ? walletMinimumLoa : country?.minimumLoa ?? 'high');
      if ((!country && !wallet) || !loaSatisfies(citizen.loa, minimum)) {
        ctx.logger.warn({ flow: interaction.cid, asserted: citizen.loa, minimum }, 'login refused: level of assurance below the requested minimum');
        return finishInteraction(res, interaction, {
          error: 'access_denied',
          error_description: 'the level of assurance of the login is lower than requested',
        });
      }
      const accountId = citizenKey(citizen.personIdentifier, ctx.config.secrets.pairwiseSecret);
      await citizens.save(accountId, citizen);
      ctx.logger.info({ flow: interaction.cid, loa: citizen.loa }, 'citizen logged in');
      return finishInteraction(res, interaction, {
        login: {
          accountId,
          acr: acrFor(citizen),
          amr: [wallet ? 'openid4vp' : 'eidas'],
          ts: Math.min(Math.floor(citizen.authenticatedAt / 1000), Math.floor(Date.now() / 1000)),
          // The session cookie lasts as long as the browser session, never longer.
          remember: false,
        },
      });
    },

    async loginFailed(req, res, flowId, error: PasserelleError) {
      const interaction = await pendingInteraction(provider(), flowId, 'login');
      if (!interaction) return sendError(req, res, error, ctx.logger);
      ctx.logger.warn({ flow: interaction.cid, code: error.code }, 'upstream login failed');
      return finishInteraction(res, interaction, { error: 'access_denied', error_description: error.publicDescription });
    },
  };
}
