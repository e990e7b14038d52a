import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { appendToTracker } from '../tracker/log.js';
import { endConsent, findConsent } from './records.js';

/**
 * Withdrawal by the citizen: one event appended, the status-list entry flipped, the next
 * portal request refused. Past accesses stay in the tracker. Another citizen's consent id
 * looks like a missing one.
 */
export async function withdrawConsent(ctx: AppContext, citizenKey: string, consentId: string): Promise<'withdrawn' | 'already_ended'> {
  const now = ctx.clock.now();
  return ctx.db.knex.transaction(async (trx) => {
    const consent = await findConsent(trx, consentId);
    if (!consent || consent.citizen_key !== citizenKey) throw new PasserelleError('not_found');
    const { before, recorded } = await endConsent(trx, consent, 'withdrawn', 'citizen', now);
    if (!recorded) return 'already_ended';
    await appendToTracker(trx, citizenKey, now, {
      event: before === 'active' ? 'withdrawn' : 'expired', actorType: 'citizen', actorId: consent.client_id,
      evidenceType: consent.evidence_type, evidenceId: consent.evidence_id, consentId: consent.id,
      procedure: consent.procedure, purpose: consent.purpose, outcome: 'ok',
    });
    return 'withdrawn';
  });
}
