import type { NextFunction, Request, Response } from 'express';
import type Provider from 'oidc-provider';
import type { AppContext } from '../../context.js';
import type { IdentityAdapter, LoginHandOff, PortalScopedAdapter } from '../../inbound/identity-adapter.js';
import type { Feature } from '../../web/app.js';
import { citizenStore } from './citizen-store.js';
import { selfLoginCallbackPath } from './client-metadata.js';
import { consentMemory } from './consent-memory.js';
import { createProvider, providerCookieNames } from './create-provider.js';
import { preloadResume } from './preload-resume.js';
import type { AccessTokenInfo, EvidenceInteractionPort, EvidenceStepResult, SessionCitizen } from '../../evidence/ports.js';
import { evidenceStepCompleter } from './evidence-step.js';
import { evidenceSteps } from './evidence-steps.js';
import { exitPages } from './exit-pages.js';
import { flowReturns } from './flow-returns.js';
import type { Interaction } from './interactions/deps.js';
import { interactionRouter } from './interactions/router.js';
import { accessTokenIntrospector } from './introspect.js';
import { scheduleSharedJob } from '../../storage/scheduled-job.js';
import { purgeExpiredOidcRows } from './knex-adapter.js';
import { loginHandOff } from './login-hand-off.js';
import { methodGuard } from './method-guard.js';
import { formPagePolicy } from './page-policy.js';
import { PortalRegistry } from './portals.js';
import { followKeyring } from './provider-keys.js';
import { publicCaching } from './public-caching.js';
import { publicRequest } from './public-request.js';
import { observeProvider } from './provider-events.js';
import { selfLogin } from './self-login.js';
import { sessionCitizenReader } from './session-citizen.js';

export type { ConsentedEvidenceDetail } from './evidence-hook.js';

type Lazy<T> = T | (() => T);

export interface OpenIdProviderDeps {
  /** The inbound adapter (or a function returning it, resolved at the first login). */
  adapter: Lazy<IdentityAdapter>;
  /** The EU Digital Identity Wallet front door (or a function returning it); offered beside the countries. */
  wallet?: Lazy<PortalScopedAdapter | undefined>;
  /** The evidence feature's hook; without it evidence requests are refused. */
  evidence?: Lazy<EvidenceInteractionPort | undefined>;
}

export interface OpenIdProvider {
  /** Mounts /oidc (oidc-provider), /interaction/* and the self-login callback. */
  feature: Feature;
  /** For the inbound adapter: where a finished upstream login comes back. */
  handOff: LoginHandOff;
  provider: Provider;
  completeEvidenceStep(req: Request, res: Response, interactionUid: string, outcome: EvidenceStepResult): Promise<void>;
  introspectAccessToken(token: string): Promise<AccessTokenInfo | undefined>;
  citizenFromSession(req: Request, res: Response): Promise<SessionCitizen | undefined>;
  startSelfLogin(req: Request, res: Response, returnTo: string): Promise<void>;
}

function resolve<T>(value: Lazy<T>): T {
  return typeof value === 'function' ? (value as () => T)() : value;
}

const purgeEveryMs = 10 * 60_000;

/**
 * Passerelle's OpenID Provider for public portals. Construction is synchronous and needs
 * no other feature: the adapter and the evidence hook may be passed as functions, so the
 * inbound adapter can be built afterwards with this `handOff` (two-phase wiring).
 */
export function openIdProvider(ctx: AppContext, deps: OpenIdProviderDeps): OpenIdProvider {
  const portals = new PortalRegistry(ctx.config);
  const citizens = citizenStore(ctx);
  const evidence = () => (deps.evidence === undefined ? undefined : resolve(deps.evidence));
  const returns = flowReturns(ctx);
  const exits = exitPages(ctx, () => provider, portals, returns);
  const provider = createProvider(ctx, { portals, citizens, evidenceWired: () => evidence() !== undefined, returnLink: exits.returnLink });
  observeProvider(provider, ctx.logger, citizens);
  // The way back to the portal is stored with the interaction, in the same statement (the
  // request's writes leave together: src/storage/model-unit.ts), not by the page after it.
  provider.on('interaction.started', (koa: { oidc?: { entities?: { Interaction?: unknown } } }) => {
    const started = koa.oidc?.entities?.Interaction as Interaction | undefined;
    if (started) returns.remember(started, true).catch((error: Error) => ctx.logger.warn({ name: error.name }, 'storing the way back to the portal failed'));
  });
  followKeyring(provider, ctx.keystore, ctx.logger);
  const steps = evidenceSteps(ctx);
  const self = selfLogin(ctx, () => provider);
  const https = ctx.config.publicUrl.startsWith('https://');
  const portalTargets = portals.all().flatMap((p) => [...p.redirectUris, ...p.postLogoutRedirectUris]);

  const feature: Feature = (app) => {
    // oidc-provider's own HTML (form_post, logout) may post to a portal: allow exactly those origins.
    app.use('/oidc', (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('Content-Security-Policy', formPagePolicy(portalTargets, https));
      next();
    }, publicRequest(ctx.config), publicCaching, methodGuard, preloadResume(ctx.db, providerCookieNames(ctx.config).session), provider.callback());
    app.use('/interaction', publicRequest(ctx.config), interactionRouter({
      ctx, provider, portals, citizens, consents: consentMemory(ctx), evidenceSteps: steps,
      adapter: () => resolve(deps.adapter), evidence, returns, exits,
      wallet: () => (deps.wallet === undefined ? undefined : resolve(deps.wallet)),
      csrfSecret: ctx.config.secrets.cookieKeys[0]!,
      publicOrigin: new URL(ctx.config.publicUrl).origin,
      https,
    }));
    app.get(selfLoginCallbackPath, publicRequest(ctx.config), self.callback);
    scheduleSharedJob(ctx, { name: 'oidc-expired-rows', intervalMs: purgeEveryMs, run: async () => { await purgeExpiredOidcRows(ctx.db, ctx.clock); } });
  };

  return {
    feature,
    handOff: loginHandOff(ctx, () => provider, citizens, exits, () => resolve(deps.adapter)),
    provider,
    completeEvidenceStep: evidenceStepCompleter(() => provider, steps, ctx.logger, exits),
    introspectAccessToken: accessTokenIntrospector(() => provider),
    citizenFromSession: sessionCitizenReader(() => provider, citizens),
    startSelfLogin: self.start,
  };
}
