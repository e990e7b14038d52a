import type { AuthenticatedCitizen } from '../../core/citizen.js';
import type { AppContext } from '../../context.js';
import { openCitizen, sealCitizen } from '../../keys/sealing.js';
import { KnexAdapter } from './knex-adapter.js';

/**
 * The citizen's attributes, kept server-side only while they can still be released: for
 * the login session plus the lifetime of the tokens issued in it. Stored encrypted in
 * the flow-state table under the pseudonymous account id (never in cookies or logs), and
 * deleted when the citizen logs out.
 */
export interface CitizenStore {
  save(accountId: string, citizen: AuthenticatedCitizen): Promise<void>;
  load(accountId: string): Promise<AuthenticatedCitizen | undefined>;
  remove(accountId: string): Promise<void>;
}

export const citizenModel = 'PasserelleCitizen';

export function citizenStore(ctx: AppContext): CitizenStore {
  const rows = new KnexAdapter(ctx.db, ctx.clock, citizenModel);
  const lifetimeSeconds = ctx.config.oidc.sessionTtlSeconds + ctx.config.oidc.accessTokenTtlSeconds;
  const binding = (accountId: string) => `${citizenModel}:${accountId}`;
  return {
    async save(accountId, citizen) {
      const sealed = sealCitizen(ctx.keystore, binding(accountId), JSON.stringify(citizen));
      await rows.upsert(accountId, { sealed } as never, lifetimeSeconds);
    },
    async load(accountId) {
      const payload = await rows.find(accountId) as { sealed?: unknown } | undefined;
      if (typeof payload?.sealed !== 'string') return undefined;
      const json = openCitizen(ctx.keystore, binding(accountId), payload.sealed);
      return json === undefined ? undefined : Object.freeze(JSON.parse(json) as AuthenticatedCitizen);
    },
    remove: (accountId) => rows.destroy(accountId),
  };
}
