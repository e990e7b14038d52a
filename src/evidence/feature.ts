import type { Express } from 'express';
import type { AppContext } from '../context.js';
import type { Feature } from '../web/app.js';
import { authorityFor, requestEvidence, verifyAuthorityCredential } from './authority/index.js';
import { dashboardRouter } from './dashboard/routes.js';
import { evidenceInteraction } from './interaction/begin.js';
import { flowRouter } from './interaction/routes.js';
import type { AuthorityPort, EvidenceDeps, EvidenceInteractionPort } from './ports.js';
import { startPurgeJob } from './retention/job.js';
import { purgeOnce, type PurgeReport } from './retention/purge.js';
import { statusRouter } from './status/routes.js';
import { verifyRouter } from './verify/routes.js';
import { portalApiRouter } from './portal-api/routes.js';
import { vciRouter } from './vci/routes.js';
import { mandateApiRouter } from './mandate/portal-api.js';
import { presentationVerifyRouter } from './verify/presentation/routes.js';

export interface EvidenceFeature {
  /** Hand this to the OpenID Provider: it calls `begin` after identity consent. */
  interaction: EvidenceInteractionPort;
  /** Mounts every evidence route and starts the periodic purge. */
  mount(app: Express): void;
  purgeOnce(): Promise<PurgeReport>;
}

export const realAuthorityPort: AuthorityPort = { requestEvidence, authorityFor, verifyAuthorityCredential };

/**
 * The evidence domain of one instance: the citizen's steps after login (/evidence/flow/…),
 * the portal API (/api/evidence/…), status lists and issuer metadata, officials'
 * verification (/verify, /api/verify) and the citizen's dashboard (/me).
 */
export function evidenceFeature(ctx: AppContext, deps: EvidenceDeps): EvidenceFeature {
  const authorities = deps.authority ?? realAuthorityPort;
  return {
    interaction: evidenceInteraction(ctx),
    mount(app) {
      app.use(statusRouter(ctx));
      app.use(flowRouter(ctx, deps, authorities));
      app.use(vciRouter(ctx, deps.oidc));
      app.use(portalApiRouter(ctx, deps.oidc));
      app.use(mandateApiRouter(ctx, deps.oidc));
      app.use(presentationVerifyRouter(ctx));
      app.use(verifyRouter(ctx, authorities));
      app.use(dashboardRouter(ctx, deps.oidc));
      startPurgeJob(ctx);
    },
    purgeOnce: () => purgeOnce(ctx),
  };
}

/** The same as a Feature for src/features.ts, when the dependencies do not need the context. */
export function evidenceFeatureWith(deps: EvidenceDeps, onReady?: (feature: EvidenceFeature) => void): Feature {
  return (app, ctx) => {
    const feature = evidenceFeature(ctx, deps);
    feature.mount(app);
    onReady?.(feature);
  };
}
