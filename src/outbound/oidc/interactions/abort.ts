import type { Request, Response } from 'express';
import { finishInteraction } from '../finish-interaction.js';
import { checkCsrf } from './csrf.js';
import type { InteractionDeps } from './deps.js';
import { interactionFromRequest } from './load.js';

/** "Cancel and return to the service": the portal receives `access_denied` with its state. */
export function abortInteraction(deps: InteractionDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const interaction = await interactionFromRequest(deps, req, res);
    checkCsrf(req, deps.csrfSecret, deps.publicOrigin, interaction.uid, 'abort');
    await finishInteraction(res, interaction, { error: 'access_denied', error_description: 'the citizen cancelled the login' });
  };
}
