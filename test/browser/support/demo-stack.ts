import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig, type LoadedConfig } from '../../../src/config/load.js';
import type { Config } from '../../../src/config/schema.js';
import type { RunningDemoAuthorities } from '../../../src/demo/authority/server.js';
import type { DemoIdpServer } from '../../../src/demo/idp/server.js';
import type { DemoPortal } from '../../../src/demo/portal/index.js';
import { startDemo } from '../../../src/demo/stack.js';
import { clearIssuerKeysCache } from '../../../src/evidence/authority/issuer-keys.js';
import type { RunningPasserelle } from '../../../src/runtime.js';
import { createLogger } from '../../../src/web/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { demoIdpKeysDirectory, testKeysDirectory } from '../../support/keys.js';
import { freePort } from '../../support/ports.js';
import { launchChromium, watchPage, type Chromium } from './chromium.js';

export interface DemoStack {
  urls: { passerelle: string; idp: string; authority: string; bremerhaven: string; santander: string; wallet: string };
  passerelle: RunningPasserelle;
  idps: DemoIdpServer;
  authorities: RunningDemoAuthorities;
  bremerhaven: DemoPortal;
  santander: DemoPortal;
  database: TestDatabase;
  /** Passerelle's log lines (JSON), for failure messages. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * The stack `npm start` runs, through the same `startDemo` (src/demo/stack.ts) and
 * config/demo.yaml read with the same environment variables. Differences: free ports, every
 * URL on 127.0.0.1 (one host for Passerelle and the IdP, so SameSite=Lax cookies survive the
 * IdP's POST back), a test database, test key directories, and what `options.config` changes.
 */
export async function startDemoStack(options: { config?: (config: Config) => Config } = {}): Promise<DemoStack> {
  const ports = { passerelle: await freePort(), idp: await freePort(), authority: await freePort(), bremerhaven: await freePort(), santander: await freePort(), wallet: await freePort() };
  const at = (port: number) => `http://127.0.0.1:${port}`;
  const urls = { passerelle: at(ports.passerelle), idp: at(ports.idp), authority: at(ports.authority), bremerhaven: at(ports.bremerhaven), santander: at(ports.santander), wallet: at(ports.wallet) };
  const walletDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-story-wallet-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.passerelle), PASSERELLE_PUBLIC_URL: urls.passerelle, DEMO_IDP_URL: urls.idp,
    DEMO_AUTHORITY_URL: urls.authority, DEMO_BREMERHAVEN_URL: urls.bremerhaven, DEMO_SANTANDER_URL: urls.santander,
    DEMO_WALLET_URL: urls.wallet, DEMO_WALLET_DIR: walletDir,
  };
  const demoConfig = loadConfig('config/demo.yaml', env);
  const config: Config = { ...demoConfig.config, keys: { ...demoConfig.config.keys, directory: testKeysDirectory } };
  const loaded: LoadedConfig = { ...demoConfig, config: options.config ? options.config(config) : config };
  const logs: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => { logs.push(line); } } });
  const authorityKeys = mkdtempSync(path.join(os.tmpdir(), 'passerelle-story-authorities-'));
  let database: TestDatabase | undefined;
  try {
    database = await createTestDatabase();
    const demo = await startDemo({
      loaded, ports, urls, logger, db: database.db,
      idpKeysDirectory: demoIdpKeysDirectory(), authorityKeysDirectory: authorityKeys,
    });
    const { passerelle, idps, authorities, bremerhaven, santander } = demo;
    const db = database;
    return {
      urls, passerelle, idps, authorities, bremerhaven, santander, database: db, logs,
      close: async () => {
        await demo.close();
        await db.cleanup();
        clearIssuerKeysCache();
        rmSync(authorityKeys, { recursive: true, force: true });
        rmSync(walletDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database?.cleanup();
    rmSync(authorityKeys, { recursive: true, force: true });
    rmSync(walletDir, { recursive: true, force: true });
    throw error;
  }
}

/** The `npm start` stack with one Chromium page on it, watched for failures into `problems`. */
export async function openDemoBrowser(problems: string[]): Promise<{ stack: DemoStack; chrome: Chromium; page: Page }> {
  const stack = await startDemoStack();
  const chrome = await launchChromium();
  const page = chrome.context.pages()[0] ?? await chrome.context.newPage();
  watchPage(page, problems);
  return { stack, chrome, page };
}
