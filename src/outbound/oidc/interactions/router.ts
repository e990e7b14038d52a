import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { isPasserelleError } from '../../../core/errors.js';
import { abortInteraction } from './abort.js';
import { submitConsent } from './consent-submit.js';
import { chooseCountry } from './country-page.js';
import type { InteractionDeps } from './deps.js';
import { showInteraction } from './show-interaction.js';
import { submitLink } from './link-page.js';
import { chooseWallet } from './wallet-login.js';

/**
 * The citizen-facing steps of an authorization, mounted at /interaction: one route per
 * step, each in its own file. Errors go to the app's error handler (one error page).
 */
export function interactionRouter(deps: InteractionDeps): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });
  router.get('/:uid', showInteraction(deps));
  router.get('/:uid/country/:code', chooseCountry(deps));
  router.get('/:uid/wallet', chooseWallet(deps));
  router.post('/:uid/consent', form, submitConsent(deps));
  router.post('/:uid/link', form, submitLink(deps));
  router.post('/:uid/abort', form, abortInteraction(deps));
  // Back, refresh or a second tab on a login that is over: explain and lead back to the portal.
  router.use('/:uid', (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!isPasserelleError(error) || error.code !== 'login_flow_expired') return next(error);
    deps.ctx.logger.info({ reason: error.message }, 'interaction page for a login that is over');
    deps.exits.flowEnded(req, res, String(req.params.uid ?? ''), error).catch(next);
  });
  return router;
}
