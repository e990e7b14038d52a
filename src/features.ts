import type { AppContext } from './context.js';
import { requesterJwksFeature } from './evidence/authority/index.js';
import { evidenceFeature } from './evidence/feature.js';
import { samlConnector } from './inbound/saml/index.js';
import { walletFrontDoor } from './inbound/wallet/index.js';
import { openIdProvider } from './outbound/oidc/index.js';
import type { Feature } from './web/app.js';
import { homeFeature } from './web/home.js';

/**
 * One Passerelle instance: the OpenID Provider for portals, the eIDAS SAML connector and (when
 * configured) the EU Digital Identity Wallet verifier behind it, and the evidence domain. The sides only meet through the seams in
 * src/inbound/identity-adapter.ts and src/evidence/ports.ts; construction is two-phase
 * because each side needs the other's half of the seam.
 */
export const passerelleFeature: Feature = async (app, ctx: AppContext) => {
  const late: { evidence?: ReturnType<typeof evidenceFeature> } = {};
  const oidc = openIdProvider(ctx, {
    adapter: () => saml.adapter,
    wallet: () => wallet?.adapter,
    evidence: () => late.evidence?.interaction,
  });
  const saml = samlConnector(ctx, oidc.handOff);
  const wallet = walletFrontDoor(ctx, oidc.handOff);
  const evidence = evidenceFeature(ctx, { oidc });
  late.evidence = evidence;
  await oidc.feature(app, ctx);
  await saml.feature(app, ctx);
  await wallet?.feature(app, ctx);
  await requesterJwksFeature(app, ctx);
  evidence.mount(app);
};

/** The features a Passerelle instance serves, in mounting order. */
export const features: readonly Feature[] = [homeFeature, passerelleFeature];
