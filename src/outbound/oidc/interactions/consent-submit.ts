import type { Request, Response } from 'express';
import { finishInteraction } from '../finish-interaction.js';
import { approveIdentity } from './approve.js';
import { consentSubject } from './consent-page.js';
import { checkCsrf } from './csrf.js';
import type { InteractionDeps } from './deps.js';
import { interactionFromRequest } from './load.js';

/**
 * POST /interaction/:uid/consent (CSRF-protected, answered with 303). "Share" releases the
 * listed claims; anything else ends the login with `access_denied` for the portal.
 */
export function submitConsent(deps: InteractionDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const interaction = await interactionFromRequest(deps, req, res, 'consent');
    checkCsrf(req, deps.csrfSecret, deps.publicOrigin, interaction.uid, 'consent');
    const body = req.body as Record<string, unknown>;
    const subject = await consentSubject(deps, interaction);
    if (body.decision !== 'share' || !subject) {
      const description = subject ? 'the citizen declined to share their data' : 'the login session has ended';
      return finishInteraction(res, interaction, { error: 'access_denied', error_description: description });
    }
    return approveIdentity(deps, req, res, interaction, { ...subject, remember: body.remember === '1' });
  };
}
