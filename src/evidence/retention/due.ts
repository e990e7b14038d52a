import type { ConsentState } from '../consent/records.js';
import type { MandateState } from '../mandate/records.js';

/** Why and since when a stored item is due for deletion by the retention run. */
export interface RetentionDue { reason: 'validity_ended' | 'no_consent_left'; since: number }

export interface RetentionFacts { kept: boolean; valid_until: number | null; fetched_at: number }

/**
 * The retention rule, in one place for the purge and for the pages that announce it: an
 * item goes once its validity ended, or once it was not kept and no consent to share it is
 * active any more (withdrawn, expired or ended by erasure), and no mandate it backs is in force. Undefined while it must stay.
 */
export function retentionDue(item: RetentionFacts, consents: ReadonlyArray<{ state: ConsentState | MandateState; since?: number }>, now: number): RetentionDue | undefined {
  if (item.valid_until !== null && item.valid_until <= now) return { reason: 'validity_ended', since: item.valid_until };
  if (item.kept || consents.some((consent) => consent.state === 'active')) return undefined;
  return { reason: 'no_consent_left', since: Math.max(item.fetched_at, ...consents.map((consent) => consent.since ?? item.fetched_at)) };
}

/**
 * When the periodic purge will have run at least once since the item became due: every
 * instance runs it every `intervalSeconds`. Undefined when that cannot be said (no periodic
 * run configured, or the moment passed without a run): then "at the next retention run".
 */
export function deletionDeadline(due: RetentionDue, intervalSeconds: number, now: number): number | undefined {
  if (intervalSeconds <= 0) return undefined;
  const by = due.since + intervalSeconds * 1000;
  return by > now ? by : undefined;
}
