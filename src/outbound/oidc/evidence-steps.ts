import type { AppContext } from '../../context.js';
import { KnexAdapter } from './knex-adapter.js';

/**
 * Between identity consent and the evidence decision, what the citizen already agreed to
 * (scopes for this portal) waits here, keyed by interaction uid. It is taken exactly once
 * (one UPDATE), so a decision cannot be submitted twice, on any instance.
 */
export interface PendingEvidenceStep {
  clientId: string;
  accountId: string;
  scopes: string[];
  /** The attribute claims the identity-consent page listed (recorded on the grant). */
  claims: string[];
}

export interface EvidenceSteps {
  open(interactionUid: string, step: PendingEvidenceStep, ttlSeconds: number): Promise<void>;
  take(interactionUid: string): Promise<PendingEvidenceStep | undefined>;
}

export function evidenceSteps(ctx: AppContext): EvidenceSteps {
  const rows = new KnexAdapter(ctx.db, ctx.clock, 'PasserelleEvidenceStep');
  return {
    async open(uid, step, ttlSeconds) {
      await rows.upsert(uid, { ...step } as never, Math.max(1, ttlSeconds));
    },
    async take(uid) {
      const stored = await rows.find(uid) as (PendingEvidenceStep & { consumed?: number }) | undefined;
      if (!stored || stored.consumed || !(await rows.consumeOnce(uid))) return undefined;
      return { clientId: stored.clientId, accountId: stored.accountId, scopes: stored.scopes, claims: Array.isArray(stored.claims) ? stored.claims : [] };
    },
  };
}
