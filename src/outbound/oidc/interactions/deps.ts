import type Provider from 'oidc-provider';
import type { AppContext } from '../../../context.js';
import type { IdentityAdapter, PortalScopedAdapter } from '../../../inbound/identity-adapter.js';
import type { CitizenStore } from '../citizen-store.js';
import type { ConsentMemory } from '../consent-memory.js';
import type { EvidenceInteractionPort } from '../../../evidence/ports.js';
import type { EvidenceSteps } from '../evidence-steps.js';
import type { ExitPages } from '../exit-pages.js';
import type { FlowReturns } from '../flow-returns.js';
import type { PortalRegistry } from '../portals.js';

/** What the interaction steps share. Adapter and evidence hook are resolved lazily (two-phase wiring). */
export interface InteractionDeps {
  ctx: AppContext;
  provider: Provider;
  portals: PortalRegistry;
  citizens: CitizenStore;
  consents: ConsentMemory;
  evidenceSteps: EvidenceSteps;
  adapter(): IdentityAdapter;
  /** The EU Digital Identity Wallet front door, when configured. */
  wallet(): PortalScopedAdapter | undefined;
  evidence(): EvidenceInteractionPort | undefined;
  /** Where each login returns to once its interaction is gone. */
  returns: FlowReturns;
  exits: ExitPages;
  /** Secret for the interaction forms' CSRF tokens. */
  csrfSecret: string;
  publicOrigin: string;
  https: boolean;
}

export type Interaction = InstanceType<Provider['Interaction']>;
