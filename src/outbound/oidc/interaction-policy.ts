import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { loaFromUri, loaSatisfies } from '../../core/loa.js';
import { lowestRequestedLoa } from './requested-loa.js';

const { base, Check } = interactionPolicy;

/**
 * oidc-provider's default prompts, plus one login check: an existing session whose eIDAS
 * LoA is below what the portal now asks for (`acr_values`) does not count, the citizen
 * logs in again at the higher level. Without it a session at `substantial` would answer
 * a request for `high` silently.
 */
export function passerellePolicy(): interactionPolicy.DefaultPolicy {
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider policy has no login prompt');
  login.checks.add(new Check('eidas_loa_too_low', 'the session\'s level of assurance is lower than requested', 'login_required', (ctx: KoaContextWithOIDC) => {
    const requested = lowestRequestedLoa(ctx.oidc.params?.acr_values);
    if (!requested || !ctx.oidc.session?.accountId) return Check.NO_NEED_TO_PROMPT;
    const current = loaFromUri(ctx.oidc.session.acr ?? '');
    return current && loaSatisfies(current, requested) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
  }));
  return policy;
}
