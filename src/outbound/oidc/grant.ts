import type Provider from 'oidc-provider';
import type { AuthorizationDetail } from 'oidc-provider';
import { releasableScopes } from './scope-claims.js';

type Interaction = InstanceType<Provider['Interaction']>;

const grantable = new Set<string>(['openid', 'offline_access', ...releasableScopes]);

/** The scopes a consent grants: what the portal asked for, limited to scopes we know. */
export function grantedScopes(requested: readonly string[]): string[] {
  return requested.filter((scope) => grantable.has(scope));
}

/**
 * Records the citizen's consent as an oidc-provider Grant (reusing the portal's existing
 * grant for this citizen when there is one) and returns its id for the interaction result.
 * `claims` are the attribute claims the consent page listed. They are written as the
 * grant's OIDC claims so a later request in the session can tell what was agreed to; with
 * the claims parameter disabled this releases nothing beyond the granted scopes.
 */
export async function saveGrant(
  provider: Provider,
  interaction: Pick<Interaction, 'grantId'>,
  consent: { accountId: string; clientId: string; scopes: readonly string[]; claims?: readonly string[]; authorizationDetails?: AuthorizationDetail[] },
): Promise<string> {
  let grant = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
  if (!grant || grant.accountId !== consent.accountId || grant.clientId !== consent.clientId) {
    grant = new provider.Grant({ accountId: consent.accountId, clientId: consent.clientId });
  }
  grant.addOIDCScope(grantedScopes(consent.scopes).join(' '));
  if (consent.claims) grant.addOIDCClaims([...consent.claims]);
  if (consent.authorizationDetails) grant.rar = consent.authorizationDetails;
  return grant.save();
}
