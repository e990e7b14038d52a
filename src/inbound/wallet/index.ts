import express, { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import type { Feature } from '../../web/app.js';
import { configuredText, type Language } from '../../web/i18n.js';
import type { IdentityAdapter, LoginHandOff, LoginRequest } from '../identity-adapter.js';
import { receiveDcApiResponse, serveDcApiRequest } from './dc-api-route.js';
import { finishWalletLogin, walletStatus } from './finish-route.js';
import { showWalletLogin } from './login-page.js';
import { serveRequestObject } from './request-route.js';
import { receiveWalletResponse } from './response-route.js';
import { loadWalletSetup, type WalletSetup } from './setup.js';
import { startWalletLogin } from './start-login.js';
import { purgeExpiredWalletTransactions } from './transaction-store.js';

export interface WalletFrontDoor {
  /** Starts a wallet login for the waiting flow (called by the OpenID Provider's interaction). */
  readonly adapter: IdentityAdapter & { offeredTo(clientId: string): boolean };
  /** Mounts /wallet/*: the login page, the request object, the response endpoint. */
  readonly feature: Feature;
  readonly setup: WalletSetup;
}

export interface WalletFrontDoorOptions {
  /** Replaces global fetch for status lists (tests). */
  fetchImpl?: typeof fetch;
}

/**
 * The EU Digital Identity Wallet front door: an OpenID4VP 1.0 verifier under HAIP, a second
 * inbound adapter behind the same seam as the eIDAS connector. Undefined when the
 * configuration has no `wallet` section. Wire it in src/features.ts like the SAML connector.
 */
export function walletFrontDoor(ctx: AppContext, handOff: LoginHandOff, options: WalletFrontDoorOptions = {}): WalletFrontDoor | undefined {
  const setup = loadWalletSetup(ctx, options.fetchImpl);
  if (!setup) return undefined;
  // Not `down` when expired: eIDAS logins still work, so the instance stays in the load balancer.
  ctx.readiness.register('walletTrustedList', () => {
    const health = setup.trustedList.health(ctx.clock.now());
    return { status: health.state === 'fresh' && !health.lastError ? 'ok' : 'degraded', detail: { ...health } };
  });
  // The same rule as every other page (configuredText): a Serbian page takes the portal's name in
  // the other Serbian script, transliterated, before any other language.
  const portalName = (clientId: string, lang: string) =>
    configuredText(ctx.config.portals.find((p) => p.clientId === clientId)?.name, lang as Language, clientId);
  const adapter = {
    protocol: 'openid4vp' as const,
    countries: () => [...new Set(setup.trustedList.latest.providers.map((p) => p.country))],
    offeredTo: (clientId: string) => setup.registrationCertificates.has(clientId),
    startLogin: (req: Request, res: Response, login: LoginRequest) => startWalletLogin(setup, req, res, login),
  };
  const feature: Feature = (app) => {
    const router = Router();
    const form = express.urlencoded({ extended: false, limit: '256kb', parameterLimit: 10 });
    router.get('/wallet/login/:id', showWalletLogin(setup, portalName));
    router.get('/wallet/login/:id/status', walletStatus(setup));
    router.get('/wallet/login/:id/continue', finishWalletLogin(setup, handOff, portalName));
    router.get('/wallet/request/:id', serveRequestObject(setup));
    router.post('/wallet/request/:id', express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 }), serveRequestObject(setup));
    router.post('/wallet/response', form, receiveWalletResponse(setup));
    router.post('/wallet/login/:id/dc-request', serveDcApiRequest(setup));
    router.post('/wallet/login/:id/dc-response', express.json({ limit: '256kb' }), receiveDcApiResponse(setup));
    app.use(router);
    const purge = setInterval(() => {
      purgeExpiredWalletTransactions(ctx.db, ctx.clock.now()).catch((error: unknown) => {
        ctx.logger.warn({ reason: (error as Error)?.message }, 'purging expired wallet transactions failed');
      });
    }, 60_000);
    purge.unref();
    ctx.onClose.push(() => clearInterval(purge));
  };
  return { adapter, feature, setup };
}
