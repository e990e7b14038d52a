import type { Request, Response } from 'express';
import type { AuthenticatedCitizen } from '../../../core/citizen.js';
import { pageLanguage } from '../../../web/i18n.js';
import { evidenceDetailsOf } from '../evidence-hook.js';
import { representationDetailsOf } from '../representation-hook.js';
import { finishInteraction } from '../finish-interaction.js';
import { grantedScopes, saveGrant } from '../grant.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { clientIdOf, remainingSeconds, scopesOf } from './load.js';

export interface Approval {
  accountId: string;
  citizen: AuthenticatedCitizen;
  /** Attribute claims shown on the consent page (remembered when `remember`). */
  released: string[];
  remember: boolean;
}

/**
 * The citizen agreed to release their identity. Without evidence in the request the grant
 * is saved and the browser goes back to the portal. With evidence, the agreed scopes wait
 * server-side and the evidence feature takes over; it ends the interaction through
 * completeEvidenceStep.
 */
export async function approveIdentity(deps: InteractionDeps, req: Request, res: Response, interaction: Interaction, approval: Approval): Promise<void> {
  const clientId = clientIdOf(interaction);
  const scopes = grantedScopes(scopesOf(interaction));
  if (approval.remember) await deps.consents.remember(approval.accountId, clientId, approval.released);
  const evidence = evidenceDetailsOf(interaction.params);
  const representations = representationDetailsOf(interaction.params);
  if (evidence.length > 0 || representations.length > 0) {
    const hook = deps.evidence();
    if (!hook) {
      return finishInteraction(res, interaction, { error: 'access_denied', error_description: 'evidence requests are not available' });
    }
    await deps.evidenceSteps.open(interaction.uid, { clientId, accountId: approval.accountId, scopes, claims: approval.released }, remainingSeconds(interaction));
    return hook.begin(req, res, {
      interactionUid: interaction.uid,
      clientId,
      citizenKey: approval.accountId,
      citizen: approval.citizen,
      details: evidence,
      representations,
      lang: pageLanguage(req, res, { uiLocales: interaction.params.ui_locales }),
    });
  }
  const grantId = await saveGrant(deps.provider, interaction, { accountId: approval.accountId, clientId, scopes, claims: approval.released });
  return finishInteraction(res, interaction, { ...interaction.lastSubmission, consent: { grantId } });
}
