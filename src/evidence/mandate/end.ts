import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { appendToTracker } from '../tracker/log.js';
import { endMandate, findMandate, mandatesOfItem, type MandateEndEvent, type MandateRow } from './records.js';

async function recordEnd(trx: Knex.Transaction, mandate: MandateRow, event: MandateEndEvent, actor: 'citizen' | 'passerelle', now: number, detail?: string): Promise<boolean> {
  const { before, recorded } = await endMandate(trx, mandate, event, actor, now);
  if (!recorded) return false;
  const expired = event === 'expired' || before === 'expired';
  await appendToTracker(trx, mandate.citizen_key, now, {
    event: expired ? 'mandate_expired' : 'mandate_revoked', actorType: expired ? 'passerelle' : actor, actorId: mandate.client_id,
    evidenceType: mandate.evidence_type, evidenceId: mandate.evidence_id, consentId: mandate.id,
    procedure: mandate.procedure, purpose: mandate.purpose, outcome: 'ok', ...(detail && !expired ? { detail } : {}),
  });
  return !expired || event === 'expired';
}

/**
 * The citizen revokes a mandate on /me (or Passerelle does, when the login that carried it
 * expired before the portal got it): one event, the status entry flips, the next use is
 * refused. Another citizen's mandate id looks like a missing one.
 */
export async function revokeMandate(ctx: AppContext, citizenKey: string, mandateId: string, by: { actor: 'citizen' | 'passerelle'; detail?: string } = { actor: 'citizen' }): Promise<'revoked' | 'already_ended'> {
  const now = ctx.clock.now();
  return ctx.db.knex.transaction(async (trx) => {
    const mandate = await findMandate(trx, mandateId);
    if (!mandate || mandate.citizen_key !== citizenKey) throw new PasserelleError('not_found');
    return (await recordEnd(trx, mandate, 'revoked', by.actor, now, by.detail)) ? 'revoked' : 'already_ended';
  });
}

/** The document behind mandates is gone (deleted by the citizen, or purged): they end with it. */
export async function endMandatesOfItem(trx: Knex.Transaction, evidenceId: string, actor: 'citizen' | 'passerelle', now: number): Promise<number> {
  let ended = 0;
  for (const mandate of await mandatesOfItem(trx, evidenceId)) {
    if (await recordEnd(trx, mandate, 'erased', actor, now, 'erasure')) ended += 1;
  }
  return ended;
}

/** Retention: mandates past their end get their `expired` event and status flip. */
export async function expireMandates(ctx: AppContext, now: number, limit: number): Promise<number> {
  const knex = ctx.db.knex;
  const due = await knex('evidence_mandates as m').leftJoin('evidence_mandate_events as e', 'e.mandate_id', 'm.id')
    .whereNull('e.id').where('m.expires_at', '<=', now).limit(limit).pluck('m.id') as string[];
  let expired = 0;
  for (const id of due) {
    await knex.transaction(async (trx) => {
      const mandate = await findMandate(trx, id);
      if (mandate && await recordEnd(trx, mandate, 'expired', 'passerelle', now)) expired += 1;
    });
  }
  return expired;
}

/** SQL for "this item backs a mandate still in force" (used by retention). */
export function activeMandateOf(knex: Knex, itemColumn: string, now: number): Knex.QueryBuilder {
  return knex('evidence_mandates as m').select(knex.raw('1')).whereRaw(`m.evidence_id = ${itemColumn}`).where('m.expires_at', '>', now)
    .whereNotExists(knex('evidence_mandate_events as me').select(knex.raw('1')).whereRaw('me.mandate_id = m.id'));
}
