import type { AppContext } from '../../context.js';
import { KnexAdapter } from './knex-adapter.js';

/**
 * "Remember my decision for this service": which attribute claims a citizen (by
 * pseudonymous key) agreed to release to a portal. Only claim names are kept, never
 * values. A remembered decision covers a later request only if that request releases
 * nothing beyond it.
 */
export interface ConsentMemory {
  remember(citizenKey: string, clientId: string, claims: readonly string[]): Promise<void>;
  covers(citizenKey: string, clientId: string, claims: readonly string[]): Promise<boolean>;
  forget(citizenKey: string, clientId: string): Promise<void>;
}

export const consentMemoryModel = 'PasserelleConsentMemory';
const lifetimeSeconds = 180 * 86_400;

export function consentMemory(ctx: AppContext): ConsentMemory {
  const rows = new KnexAdapter(ctx.db, ctx.clock, consentMemoryModel);
  const id = (citizenKey: string, clientId: string) => `${citizenKey}:${clientId}`;
  return {
    async remember(citizenKey, clientId, claims) {
      await rows.upsert(id(citizenKey, clientId), { claims: [...claims] } as never, lifetimeSeconds);
    },
    async covers(citizenKey, clientId, claims) {
      const stored = await rows.find(id(citizenKey, clientId)) as { claims?: unknown } | undefined;
      if (!Array.isArray(stored?.claims)) return false;
      const remembered = new Set(stored.claims);
      return claims.every((claim) => remembered.has(claim));
    },
    forget: (citizenKey, clientId) => rows.destroy(id(citizenKey, clientId)),
  };
}
