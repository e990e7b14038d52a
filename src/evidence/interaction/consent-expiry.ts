import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';

const shorterChoices = [1, 7, 30, 90, 180, 365];

/** The expiries a citizen may pick: the configured default and every shorter standard choice. */
export function expiryChoices(ctx: AppContext): number[] {
  const longest = ctx.config.evidence.defaultConsentDays;
  return [...shorterChoices.filter((days) => days < longest), longest];
}

export function parseExpiryDays(ctx: AppContext, posted: string | undefined): number {
  const days = posted !== undefined && /^\d{1,4}$/.test(posted) ? Number(posted) : NaN;
  if (!expiryChoices(ctx).includes(days)) throw new PasserelleError('bad_request', 'expiry not among the offered choices');
  return days;
}
