import { grantedScopes } from '../grant.js';
import type { ConsentSubject } from './consent-page.js';
import type { Interaction, InteractionDeps } from './deps.js';
import { clientIdOf, scopesOf } from './load.js';

/**
 * Whether the citizen already agreed, in this login session, to release exactly what this
 * request would release to this portal, so the identity-consent page can be skipped.
 *
 * oidc-provider asks for consent on every request that carries `authorization_details`
 * (its `rar_prompt` check), because evidence is decided per request; that decision still
 * happens on the evidence pages. The identity part is covered only when `rar_prompt` is the
 * sole reason: no `missingOIDCScope` or `missingOIDCClaims`, no explicit `prompt=consent`,
 * and no login inside this authorization (a new login may carry other attributes). The grant
 * oidc-provider found for this session and portal must also name every attribute claim the
 * page would list (saveGrant records them), so a portal registered for more claims since
 * is asked again.
 */
export async function sessionConsentCovers(deps: InteractionDeps, interaction: Interaction, subject: ConsentSubject): Promise<boolean> {
  const { prompt } = interaction;
  if (prompt.name !== 'consent' || prompt.reasons.length !== 1 || prompt.reasons[0] !== 'rar_prompt') return false;
  if (prompt.details.missingOIDCScope !== undefined || prompt.details.missingOIDCClaims !== undefined) return false;
  if (interaction.lastSubmission?.login || !interaction.grantId) return false;
  const grant = await deps.provider.Grant.find(interaction.grantId);
  if (!grant || grant.accountId !== subject.accountId || grant.clientId !== clientIdOf(interaction)) return false;
  const scopes = new Set(grant.getOIDCScope().split(' '));
  const claims = new Set(grant.getOIDCClaims());
  return grantedScopes(scopesOf(interaction)).every((scope) => scopes.has(scope)) && subject.released.every((claim) => claims.has(claim));
}
