import express, { Router } from 'express';
import { abortInteraction } from './abort.js';
import { submitConsent } from './consent-submit.js';
import { chooseCountry } from './country-page.js';
import type { InteractionDeps } from './deps.js';
import { showInteraction } from './show-interaction.js';
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
  router.post('/:uid/abort', form, abortInteraction(deps));
  return router;
}
