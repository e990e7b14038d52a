import type { Request, Response } from 'express';
import { PasserelleError } from '../../../core/errors.js';
import type { Interaction, InteractionDeps } from './deps.js';

/**
 * The interaction this browser is in: oidc-provider finds it through the interaction
 * cookie (scoped to /interaction/<uid>), and the uid in the path must be the same one.
 * Anything else (no cookie, expired, another uid) is one clear "start again" error.
 */
export async function interactionFromRequest(deps: InteractionDeps, req: Request, res: Response, prompt?: 'login' | 'consent'): Promise<Interaction> {
  let interaction: Interaction;
  try {
    interaction = await deps.provider.interactionDetails(req, res) as Interaction;
  } catch (error) {
    throw new PasserelleError('login_flow_expired', 'no interaction for this browser', { cause: error });
  }
  if (interaction.uid !== req.params.uid || interaction.result) throw new PasserelleError('login_flow_expired', 'interaction mismatch or already finished');
  if (prompt && interaction.prompt.name !== prompt) throw new PasserelleError('login_flow_expired', `interaction is not at the ${prompt} step`);
  return interaction;
}

export function clientIdOf(interaction: Interaction): string {
  return String(interaction.params.client_id ?? '');
}

export function scopesOf(interaction: Interaction): string[] {
  return typeof interaction.params.scope === 'string' ? interaction.params.scope.split(' ').filter(Boolean) : [];
}

export function remainingSeconds(interaction: Interaction): number {
  return Math.max(1, interaction.exp - Math.floor(Date.now() / 1000));
}
