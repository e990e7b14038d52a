import { standardConsentDays } from '../../config/schema.js';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';

/** The expiries a citizen may pick: the configured longest (evidence.defaultConsentDays) and every shorter standard choice. */
export function expiryChoices(ctx: AppContext): number[] {
  const longest = ctx.config.evidence.defaultConsentDays;
  return [...standardConsentDays.filter((days) => days < longest), longest];
}

/** The period preselected: the portal's own default when it configures one, else the shortest (data minimisation). */
export function preselectedExpiry(ctx: AppContext, clientId: string): number {
  const choices = expiryChoices(ctx);
  const own = ctx.config.portals.find((p) => p.clientId === clientId)?.defaultConsentDays;
  return own !== undefined && choices.includes(own) ? own : choices[0]!;
}

export function parseExpiryDays(ctx: AppContext, posted: string | undefined): number {
  const days = posted !== undefined && /^\d{1,4}$/.test(posted) ? Number(posted) : NaN;
  if (!expiryChoices(ctx).includes(days)) throw new PasserelleError('bad_request', 'expiry not among the offered choices');
  return days;
}
