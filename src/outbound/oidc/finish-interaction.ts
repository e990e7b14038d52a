import type { Response } from 'express';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';

type Interaction = InstanceType<Provider['Interaction']>;

/**
 * Stores an interaction's result and sends the browser back to oidc-provider's resume
 * endpoint (303, never 307). Used where the request cannot carry the interaction cookie
 * (the SAML assertion consumer, the evidence pages); the resume endpoint still checks
 * its own cookie, so the result only takes effect in the browser that started the login.
 */
export async function finishInteraction(res: Response, interaction: Interaction, result: InteractionResults): Promise<void> {
  await saveInteractionResult(interaction, result);
  res.status(303).setHeader('Location', interaction.returnTo);
  res.setHeader('Cache-Control', 'no-store');
  res.end();
}

/** Records the result oidc-provider's resume endpoint will act on. */
export async function saveInteractionResult(interaction: Interaction, result: InteractionResults): Promise<void> {
  interaction.result = result;
  await interaction.save(Math.max(1, interaction.exp - Math.floor(Date.now() / 1000)));
}

/** An interaction that still waits for a result at the given prompt, or undefined. */
export async function pendingInteraction(provider: Provider, uid: string, prompt: 'login' | 'consent'): Promise<Interaction | undefined> {
  if (typeof uid !== 'string' || uid.length === 0 || uid.length > 128) return undefined;
  const interaction = await provider.Interaction.find(uid);
  if (!interaction || interaction.result || interaction.prompt.name !== prompt) return undefined;
  if (interaction.exp <= Math.floor(Date.now() / 1000)) return undefined;
  return interaction;
}
