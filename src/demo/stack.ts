import type { LoadedConfig } from '../config/load.js';
import { startPasserelle, type RunningPasserelle } from '../runtime.js';
import type { Database } from '../storage/database.js';
import type { Logger } from '../web/logger.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from './authority/server.js';
import { createDemoIdpServer, type DemoIdpServer } from './idp/server.js';
import { createBremerhavenPortal, createSantanderPortal, type DemoPortal } from './portal/index.js';

export interface DemoUrls { passerelle: string; idp: string; authority: string; bremerhaven: string; santander: string }

export interface DemoStackOptions {
  /** The demo configuration, already read with the URLs below substituted. */
  loaded: LoadedConfig;
  ports: { [K in keyof DemoUrls]: number };
  urls: DemoUrls;
  /** Where the demo IdPs and authorities keep their own keys (generated on first start). */
  idpKeysDirectory: string;
  authorityKeysDirectory: string;
  logger: Logger;
  /** An open database for Passerelle (tests); otherwise the configured one. */
  db?: Database;
}

export interface RunningDemo {
  passerelle: RunningPasserelle;
  idps: DemoIdpServer;
  authorities: RunningDemoAuthorities;
  bremerhaven: DemoPortal;
  santander: DemoPortal;
  close(): Promise<void>;
}

/**
 * The whole demo as `npm start` runs it: demo national IdPs, issuing authorities, Passerelle
 * and the two portals, each its own app on its own port, talking over HTTP only.
 */
export async function startDemo(options: DemoStackOptions): Promise<RunningDemo> {
  const { loaded, ports, urls, logger } = options;
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    const idps = await createDemoIdpServer({
      port: ports.idp, host: '127.0.0.1', publicUrl: urls.idp, keysDirectory: options.idpKeysDirectory,
      spMetadataUrl: `${urls.passerelle}/saml/metadata`, nodeCountry: loaded.config.nodeCountry,
      // The demo's Cancel button means "the citizen cancelled": RequestDenied, which the portal sees as access_denied.
      cancelStatus: 'RequestDenied',
      logger: logger.child({ app: 'demo-idp' }),
    });
    started.push(idps);
    const authorities = await createDemoAuthorityServer({
      port: ports.authority, host: '127.0.0.1', publicUrl: urls.authority, keysDirectory: options.authorityKeysDirectory,
      passerelleJwksUrl: `${urls.passerelle}/.well-known/evidence-requester-jwks.json`, nodeCountry: loaded.config.nodeCountry,
    });
    started.push(authorities);
    // Passerelle after the servers it fetches from, so its first metadata load finds the IdPs up.
    const passerelle = await startPasserelle(loaded, {
      port: ports.passerelle, logger: logger.child({ app: 'passerelle' }), ...(options.db ? { db: options.db } : {}),
    });
    started.push(passerelle);
    const bremerhaven = await createBremerhavenPortal({ port: ports.bremerhaven, publicUrl: urls.bremerhaven, passerelleUrl: urls.passerelle });
    started.push(bremerhaven);
    const santander = await createSantanderPortal({ port: ports.santander, publicUrl: urls.santander, passerelleUrl: urls.passerelle });
    started.push(santander);
    return {
      passerelle, idps, authorities, bremerhaven, santander,
      close: async () => {
        for (const app of started.reverse()) await app.close().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const app of started.reverse()) await app.close().catch(() => undefined);
    throw error;
  }
}
