import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { AuthorizationDetail } from 'oidc-provider';
import type { Logger } from '../../web/logger.js';
import type { EvidenceStepResult } from '../../evidence/ports.js';
import { evidenceDetailsOf, isEvidenceDetail, sameEvidence, type ConsentedEvidenceDetail } from './evidence-hook.js';
import type { EvidenceSteps } from './evidence-steps.js';
import { isRepresentationDetail, representationDetailsOf, sameRepresentation, type MandatedRepresentationDetail } from './representation-hook.js';
import type { ExitPages } from './exit-pages.js';
import { finishInteraction, pendingInteraction } from './finish-interaction.js';
import { saveGrant } from './grant.js';

/**
 * Ends an interaction whose evidence step the evidence feature ran. Shared: the grant gets
 * the consented details with their `consent_id`, so the access token carries them (and
 * nothing the portal did not ask for), and the mandates with their `mandate_id`. Declined: the portal receives `access_denied`.
 * The pending step is taken once, so the same decision cannot be replayed.
 */
export function evidenceStepCompleter(provider: () => Provider, steps: EvidenceSteps, logger: Logger, exits: ExitPages) {
  return async (req: Request, res: Response, interactionUid: string, outcome: EvidenceStepResult): Promise<void> => {
    const interaction = await pendingInteraction(provider(), interactionUid, 'consent');
    const step = interaction ? await steps.take(interactionUid) : undefined;
    if (!interaction || !step || step.clientId !== interaction.params.client_id || step.accountId !== interaction.session?.accountId) {
      logger.warn({ code: 'login_flow_expired' }, 'no evidence step waits for this interaction');
      return exits.flowEnded(req, res, interactionUid);
    }
    if (outcome.decision !== 'shared') {
      return finishInteraction(res, interaction, { error: 'access_denied', error_description: 'the citizen declined to share the requested evidence' });
    }
    const requested = evidenceDetailsOf(interaction.params);
    const consented: ConsentedEvidenceDetail[] = [];
    for (const { detail, consentId } of outcome.consents) {
      if (!isEvidenceDetail(detail) || !requested.some((r) => sameEvidence(r, detail)) || typeof consentId !== 'string' || consentId === '') {
        logger.error({ flow: interaction.cid }, 'evidence step completed with a detail that was not requested');
        return finishInteraction(res, interaction, { error: 'server_error', error_description: 'the evidence step could not be completed' });
      }
      consented.push({ ...detail, consent_id: consentId });
    }
    const asked = representationDetailsOf(interaction.params);
    const mandated: MandatedRepresentationDetail[] = [];
    for (const { detail, mandateId } of outcome.mandates ?? []) {
      if (!isRepresentationDetail(detail) || !asked.some((r) => sameRepresentation(r, detail)) || typeof mandateId !== 'string' || mandateId === '') {
        logger.error({ flow: interaction.cid }, 'evidence step completed with a mandate that was not requested');
        return finishInteraction(res, interaction, { error: 'server_error', error_description: 'the evidence step could not be completed' });
      }
      mandated.push({ ...detail, mandate_id: mandateId });
    }
    const details = [...consented, ...mandated] as unknown as AuthorizationDetail[];
    const grantId = await saveGrant(provider(), interaction, { ...step, authorizationDetails: details });
    return finishInteraction(res, interaction, { ...interaction.lastSubmission, consent: { grantId } });
  };
}
