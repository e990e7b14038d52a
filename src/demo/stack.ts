import path from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { startPasserelle, type RunningPasserelle } from '../runtime.js';
import type { Database } from '../storage/database.js';
import type { Logger } from '../web/logger.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from './authority/server.js';
import { createDemoIdpServer, type DemoIdpServer } from './idp/server.js';
import { createBremerhavenPortal, createSantanderPortal, type DemoPortal } from './portal/index.js';
import { createDemoWalletServer, type DemoWalletServer } from './wallet/server.js';
import { createDemoWalletTrust } from './wallet/trust.js';

export interface DemoUrls { passerelle: string; idp: string; authority: string; bremerhaven: string; santander: string; wallet: string }

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
  /** The demo EU Digital Identity Wallet, when the configuration has the wallet front door. */
  wallet?: DemoWalletServer;
  close(): Promise<void>;
}

/**
 * The whole demo as `npm start` runs it: demo national IdPs, issuing authorities, Passerelle
 * and the two portals, each its own app on its own port, talking over HTTP only.
 */
export async function startDemo(options: DemoStackOptions): Promise<RunningDemo> {
  const { loaded, ports, urls, logger } = options;
  const started: Array<{ close(): Promise<void> }> = [];
  // The wallet's keys and PIDs are made while the IdPs and authorities make theirs (key generation runs off the main thread).
  const walletStarting = startDemoWallet(options);
  walletStarting.catch(() => undefined);
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
    const wallet = await walletStarting;
    if (wallet) started.push(wallet);
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
      passerelle, idps, authorities, bremerhaven, santander, ...(wallet ? { wallet } : {}),
      close: async () => {
        for (const app of started.reverse()) await app.close().catch(() => undefined);
      },
    };
  } catch (error) {
    const wallet = await walletStarting.catch(() => undefined);
    if (wallet && !started.includes(wallet)) started.push(wallet);
    for (const app of started.reverse()) await app.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The demo wallet and its trust ecosystem: the files Passerelle's `wallet` configuration names
 * (access certificate, trusted list, the portals' registration certificates) are written before
 * Passerelle starts, by the same demo PID providers whose PIDs the wallet holds.
 */
async function startDemoWallet(options: DemoStackOptions): Promise<DemoWalletServer | undefined> {
  const { config, baseDir } = options.loaded;
  if (!config.wallet) return undefined;
  const resolve = (file: string) => path.resolve(baseDir, file);
  const providers = await createDemoWalletTrust({
    accessKeyFile: resolve(config.wallet.accessCertificate.keyFile),
    accessChainFile: resolve(config.wallet.accessCertificate.certificateChainFile),
    trustedListFile: resolve(config.wallet.trustedListFile),
    registrations: config.portals.flatMap((p) => (p.walletRegistrationCertificateFile
      ? [{ file: resolve(p.walletRegistrationCertificateFile), clientId: p.clientId, name: p.name.en ?? p.clientId, allowedClaims: p.allowedClaims }]
      : [])),
  }, options.urls.wallet);
  return createDemoWalletServer({ port: options.ports.wallet, publicUrl: options.urls.wallet, providers, passerelleUrl: options.urls.passerelle });
}
