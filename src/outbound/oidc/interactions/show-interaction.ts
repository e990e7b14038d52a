import type { Request, Response } from 'express';
import { PasserelleError } from '../../../core/errors.js';
import { showConsentStep } from './consent-page.js';
import { showLoginStep } from './country-page.js';
import type { InteractionDeps } from './deps.js';
import { interactionFromRequest } from './load.js';

/** GET /interaction/:uid: the step oidc-provider asks for (login → country, consent → consent page). */
export function showInteraction(deps: InteractionDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const interaction = await interactionFromRequest(deps, req, res);
    await deps.returns.remember(interaction);
    switch (interaction.prompt.name) {
      case 'login': return showLoginStep(deps, req, res, interaction);
      case 'consent': return showConsentStep(deps, req, res, interaction);
      default: throw new PasserelleError('login_flow_expired', `unexpected prompt ${interaction.prompt.name}`);
    }
  };
}
