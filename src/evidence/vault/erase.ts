import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { consentsOfItem, endConsent } from '../consent/records.js';
import { appendToTracker } from '../tracker/log.js';
import { destroyItem, findOwnItem } from './items.js';
import { endMandatesOfItem } from '../mandate/end.js';

/**
 * Erasure on the citizen's request (GDPR Art. 17): the data key and all ciphertext are
 * destroyed, every consent on the item ends (status entries flip), and the tracker gets a
 * tombstone entry. The item row stays without content, so the history still reads right.
 */
export async function eraseEvidence(ctx: AppContext, citizenKey: string, evidenceId: string): Promise<{ endedConsents: number }> {
  const now = ctx.clock.now();
  return ctx.db.knex.transaction(async (trx) => {
    let endedConsents = 0;
    const item = await findOwnItem(trx, citizenKey, evidenceId);
    if (!item || (item.state !== 'stored' && item.state !== 'preview')) throw new PasserelleError('not_found');
    for (const consent of await consentsOfItem(trx, item.id)) {
      const { before, recorded } = await endConsent(trx, consent, 'erased', 'citizen', now);
      if (before === 'active') endedConsents += 1;
      // Every end of a sharing has its tracker row: ended by this erasure, or (not yet recorded) by its period running out.
      if (before === 'active' || recorded) {
        await appendToTracker(trx, citizenKey, now, {
          event: before === 'active' ? 'withdrawn' : 'expired', actorType: before === 'active' ? 'citizen' : 'passerelle', actorId: consent.client_id,
          evidenceType: consent.evidence_type, evidenceId: item.id, consentId: consent.id, procedure: consent.procedure, purpose: consent.purpose,
          outcome: 'ok', detail: before === 'active' ? 'erasure' : null,
        });
      }
    }
    await endMandatesOfItem(trx, item.id, 'citizen', now);
    await destroyItem(trx, item.id, 'erased', now);
    await appendToTracker(trx, citizenKey, now, {
      event: 'erased', actorType: 'citizen', actorId: item.authority_id, evidenceType: item.evidence_type, evidenceId: item.id, outcome: 'ok',
    });
    return { endedConsents };
  });
}
