import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { scheduleSharedJob } from '../../storage/scheduled-job.js';
import type { Feature } from '../../web/app.js';
import type { IdentityAdapter, LoginHandOff, LoginRequest } from '../identity-adapter.js';
import { acsRouter } from './acs-route.js';
import { IdpMetadataRegistry } from './metadata/metadata-registry.js';
import { MetadataStore } from './metadata/metadata-store.js';
import type { FetchLike } from './metadata/read-metadata-source.js';
import { observeMetadata } from './metadata/metadata-health.js';
import { metadataRouter } from './metadata-route.js';
import { purgeExpiredSamlState } from './saml-request-store.js';
import { sendAuthnRequest } from './send-authn-request.js';

export interface SamlConnector {
  /** Starts logins (called by the OpenID Provider's interaction). */
  readonly adapter: IdentityAdapter;
  /** Mounts GET /saml/metadata and POST /saml/acs, starts the metadata schedule. */
  readonly feature: Feature;
  /** Trusted IdP metadata of the configured countries. */
  readonly registry: IdpMetadataRegistry;
}

export interface SamlConnectorOptions {
  /** Replaces global fetch for metadata URLs (tests). */
  fetchImpl?: FetchLike;
}

/**
 * The eIDAS SAML connector: Passerelle as the SAML service provider of every configured
 * country's national IdP or eIDAS proxy-service. Wire it in src/features.ts:
 *
 *   const saml = samlConnector(ctx, oidc.handOff);
 *   features: [..., saml.feature]  and give `saml.adapter` to the OpenID Provider.
 *
 * `ctx` is the running instance's context; `handOff` receives the validated citizen (or the
 * cancellation/failure) for the waiting flow.
 */
export function samlConnector(ctx: AppContext, handOff: LoginHandOff, options: SamlConnectorOptions = {}): SamlConnector {
  const registry = new IdpMetadataRegistry({
    config: ctx.config, baseDir: ctx.baseDir, clock: ctx.clock, logger: ctx.logger, store: new MetadataStore(ctx.db),
    ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
  });
  const adapter: IdentityAdapter = {
    protocol: 'eidas-saml',
    countries: () => registry.countries(),
    certifiedLoa: (country: string) => registry.peek(country)?.certifiedLoa,
    startLogin: (req: Request, res: Response, login: LoginRequest) => sendAuthnRequest(ctx, registry, req, res, login),
  };
  const feature: Feature = (app) => {
    warnAboutRelaxedPolicies(ctx);
    app.use(metadataRouter(ctx));
    app.use(acsRouter(ctx, registry, handOff));
    registry.start();
    observeMetadata(ctx, registry);
    scheduleSharedJob(ctx, {
      name: 'idp-metadata-refresh',
      intervalMs: ctx.config.saml.metadataRefreshSeconds * 1000,
      run: () => registry.refresh(),
    });
    scheduleSharedJob(ctx, {
      name: 'saml-expired-state',
      intervalMs: Math.max(60, ctx.config.saml.requestTtlSeconds) * 1000,
      run: async () => { await purgeExpiredSamlState(ctx.db, ctx.clock.now()); },
    });
    ctx.onClose.push(() => registry.stop());
  };
  return { adapter, feature, registry };
}

/**
 * Relaxations of the eIDAS algorithm profile are per country and deliberate; they are said
 * loudly at every start so that nobody runs with them by accident.
 */
function warnAboutRelaxedPolicies(ctx: AppContext): void {
  for (const country of ctx.config.countries) {
    const { profile, allowRsaPkcs1v15Signatures, allowCbcEncryption } = country.algorithms;
    if (profile !== 'national') continue;
    const facts = { country: country.code, profile, allowRsaPkcs1v15Signatures, allowCbcEncryption };
    if (allowCbcEncryption) ctx.logger.warn(facts, 'RELAXED SAML ALGORITHM POLICY: AES-CBC encrypted assertions accepted from this country (padding-oracle class, not eIDAS)');
    else if (allowRsaPkcs1v15Signatures) ctx.logger.warn(facts, 'relaxed SAML algorithm policy: RSA PKCS#1 v1.5 signatures accepted from this country (not eIDAS)');
    else ctx.logger.info(facts, 'national SAML algorithm profile without relaxations');
  }
}

/**
 * The same as a Feature for src/features.ts, where the context only exists at mount time:
 * `samlFeature(handOff, (saml) => oidc.useIdentityAdapter(saml.adapter))`.
 */
export function samlFeature(handOff: LoginHandOff, ready?: (connector: SamlConnector) => void, options: SamlConnectorOptions = {}): Feature {
  return async (app, ctx) => {
    const connector = samlConnector(ctx, handOff, options);
    ready?.(connector);
    await connector.feature(app, ctx);
  };
}

export { IdpMetadataRegistry } from './metadata/metadata-registry.js';
export type { IdpMetadata } from './metadata/idp-metadata.js';
export { buildSpMetadata } from './metadata/sp-metadata.js';
export { purgeExpiredSamlState } from './saml-request-store.js';
export { spEntityId, acsUrl } from './sp-endpoints.js';
