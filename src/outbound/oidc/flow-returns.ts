import type { AppContext } from '../../context.js';
import { KnexAdapter } from './knex-adapter.js';
import type { Interaction } from './interactions/deps.js';

/**
 * Where a login goes back to when oidc-provider can no longer say: once an interaction has
 * expired or finished, its record is gone, but a citizen who comes back late (a slow IdP,
 * the back button, a second tab) must still reach the portal. Kept per interaction uid for a
 * day beyond the interaction: the portal's validated redirect URI, its `state` and response
 * mode, never personal data.
 */
export interface FlowReturn {
  clientId: string;
  redirectUri: string;
  state?: string;
  responseMode?: string;
  /** When the interaction itself expires (epoch seconds): before that, a gone interaction was completed. */
  interactionExp: number;
}

const keepAfterExpirySeconds = 24 * 3600;

export interface FlowReturns {
  /** `started`: the interaction was created in this request, nothing can be stored for it yet. */
  remember(interaction: Interaction, started?: boolean): Promise<void>;
  find(uid: string): Promise<FlowReturn | undefined>;
}

export function flowReturns(ctx: AppContext): FlowReturns {
  const rows = new KnexAdapter(ctx.db, ctx.clock, 'PasserelleFlowReturn');
  return {
    async remember(interaction, started = false) {
      const { params } = interaction;
      const entry: FlowReturn = {
        clientId: String(params.client_id ?? ''),
        redirectUri: String(params.redirect_uri ?? ''),
        ...(typeof params.state === 'string' ? { state: params.state } : {}),
        ...(typeof params.response_mode === 'string' ? { responseMode: params.response_mode } : {}),
        interactionExp: interaction.exp,
      };
      // Each page of the interaction would write the same entry again: only a change is written
      // (reading it costs nothing here, it came with the interaction: model-relations.ts).
      const stored = started ? undefined : await rows.find(interaction.uid) as unknown as FlowReturn | undefined;
      if (stored && sameEntry(stored, entry)) return;
      const ttl = Math.max(1, interaction.exp - Math.floor(ctx.clock.now() / 1000)) + keepAfterExpirySeconds;
      await rows.upsert(interaction.uid, entry as never, ttl);
    },
    async find(uid) {
      if (typeof uid !== 'string' || uid.length === 0 || uid.length > 128) return undefined;
      const stored = await rows.find(uid) as unknown as FlowReturn | undefined;
      return stored && stored.redirectUri ? stored : undefined;
    },
  };
}

function sameEntry(a: FlowReturn, b: FlowReturn): boolean {
  return a.clientId === b.clientId && a.redirectUri === b.redirectUri && a.state === b.state
    && a.responseMode === b.responseMode && a.interactionExp === b.interactionExp;
}
