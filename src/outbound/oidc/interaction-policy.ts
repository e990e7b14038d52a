import { interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { loaSatisfies } from '../../core/loa.js';
import { loaFromAcr } from './acr.js';
import { lowestRequestedLoa } from './requested-loa.js';
import { legalPersonScope } from './scope-claims.js';

const { base, Check } = interactionPolicy;

/**
 * oidc-provider's default prompts, plus two login checks. An existing session whose eIDAS
 * LoA is below what the portal now asks for (`acr_values`) does not count, the citizen
 * logs in again at the higher level: without it a session at `substantial` would answer
 * a request for `high` silently. A session without stored attributes logs in again, and so does
 * one for another kind of subject (private versus on behalf of an organisation).
 */
export function passerellePolicy(): interactionPolicy.DefaultPolicy {
  const policy = base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider policy has no login prompt');
  login.checks.add(new Check('eidas_loa_too_low', 'the session\'s level of assurance is lower than requested', 'login_required', (ctx: KoaContextWithOIDC) => {
    const requested = lowestRequestedLoa(ctx.oidc.params?.acr_values);
    if (!requested || !ctx.oidc.session?.accountId) return Check.NO_NEED_TO_PROMPT;
    // The session's acr may be an eIDAS LoA or a wallet acr: both name a level.
    const current = loaFromAcr(ctx.oidc.session.acr ?? '');
    return current && loaSatisfies(current, requested) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
  }));
  // A session whose citizen attributes are gone (logged out elsewhere, expired) cannot
  // release claims: log in again rather than fail later.
  login.checks.add(new Check('citizen_attributes_gone', 'the citizen\'s attributes are no longer available', 'login_required', (ctx: KoaContextWithOIDC) =>
    (ctx.oidc.session?.accountId && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT)));
  // A private session does not answer a request for a login on behalf of an organisation, nor the
  // other way round: the citizen logs in again for what the portal now asks.
  login.checks.add(new Check('eidas_subject_differs', 'the session is not for the kind of subject requested', 'login_required', (ctx: KoaContextWithOIDC) => {
    const account = ctx.oidc.account as { onBehalfOf?: boolean } | undefined;
    if (!ctx.oidc.session?.accountId || !account) return Check.NO_NEED_TO_PROMPT;
    const wantsOrganisation = String(ctx.oidc.params?.scope ?? '').split(' ').includes(legalPersonScope);
    return wantsOrganisation === Boolean(account.onBehalfOf) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
  }));
  return policy;
}
