import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type LoadedConfig } from '../../../src/config/load.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from '../../../src/demo/authority/server.js';
import { createDemoIdpServer, type DemoIdpServer } from '../../../src/demo/idp/server.js';
import { createBremerhavenPortal, createSantanderPortal, type DemoPortal } from '../../../src/demo/portal/index.js';
import { clearIssuerKeysCache } from '../../../src/evidence/authority/issuer-keys.js';
import { features } from '../../../src/features.js';
import { startPasserelle, type RunningPasserelle } from '../../../src/runtime.js';
import { createLogger } from '../../../src/web/logger.js';
import { freePort } from '../../outbound/oidc/support/real-passerelle.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { testKeysDirectory } from '../../support/keys.js';

export interface DemoStack {
  urls: { passerelle: string; idp: string; authority: string; bremerhaven: string; santander: string };
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

/** Demo IdP keys (RSA-3072 is slow to make) are kept between runs, as the OIDC tests do. */
function demoIdpKeys(): string {
  const dir = path.join(os.tmpdir(), `passerelle-oidc-test-demo-idp-keys-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * The stack `npm start` runs (src/demo/start.ts), composed the same way: config/demo.yaml
 * read with the same environment variables, the demo IdPs with cancel = RequestDenied, the
 * demo authorities, Passerelle with the features of src/features.ts, the two demo portals.
 * Differences: free ports, every URL on 127.0.0.1 (one host for Passerelle and the IdP, so
 * SameSite=Lax cookies survive the IdP's POST back), a test database, test key directories.
 */
export async function startDemoStack(): Promise<DemoStack> {
  const ports = { passerelle: await freePort(), idp: await freePort(), authority: await freePort(), bremerhaven: await freePort(), santander: await freePort() };
  const at = (port: number) => `http://127.0.0.1:${port}`;
  const urls = { passerelle: at(ports.passerelle), idp: at(ports.idp), authority: at(ports.authority), bremerhaven: at(ports.bremerhaven), santander: at(ports.santander) };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(ports.passerelle), PASSERELLE_PUBLIC_URL: urls.passerelle, DEMO_IDP_URL: urls.idp,
    DEMO_AUTHORITY_URL: urls.authority, DEMO_BREMERHAVEN_URL: urls.bremerhaven, DEMO_SANTANDER_URL: urls.santander,
  };
  const demo = loadConfig('config/demo.yaml', env);
  const loaded: LoadedConfig = { ...demo, config: { ...demo.config, keys: { ...demo.config.keys, directory: testKeysDirectory } } };
  const logs: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => { logs.push(line); } } });
  const authorityKeys = mkdtempSync(path.join(os.tmpdir(), 'passerelle-story-authorities-'));
  const started: Array<{ close(): Promise<void> }> = [];
  let database: TestDatabase | undefined;
  try {
    const idps = await createDemoIdpServer({
      port: ports.idp, host: '127.0.0.1', publicUrl: urls.idp, keysDirectory: demoIdpKeys(),
      spMetadataUrl: `${urls.passerelle}/saml/metadata`, nodeCountry: loaded.config.nodeCountry,
      cancelStatus: 'RequestDenied', logger: logger.child({ app: 'demo-idp' }),
    });
    started.push(idps);
    const authorities = await createDemoAuthorityServer({
      port: ports.authority, host: '127.0.0.1', publicUrl: urls.authority, keysDirectory: authorityKeys,
      passerelleJwksUrl: `${urls.passerelle}/.well-known/evidence-requester-jwks.json`, nodeCountry: loaded.config.nodeCountry,
    });
    started.push(authorities);
    database = await createTestDatabase();
    const passerelle = await startPasserelle(loaded, { features, db: database.db, port: ports.passerelle, host: '127.0.0.1', logger: logger.child({ app: 'passerelle' }) });
    started.push(passerelle);
    const bremerhaven = await createBremerhavenPortal({ port: ports.bremerhaven, publicUrl: urls.bremerhaven, passerelleUrl: urls.passerelle });
    started.push(bremerhaven);
    const santander = await createSantanderPortal({ port: ports.santander, publicUrl: urls.santander, passerelleUrl: urls.passerelle });
    started.push(santander);
    const db = database;
    return {
      urls, passerelle, idps, authorities, bremerhaven, santander, database: db, logs,
      close: async () => {
        for (const app of started.reverse()) await app.close();
        await db.cleanup();
        clearIssuerKeysCache();
        rmSync(authorityKeys, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const app of started.reverse()) await app.close().catch(() => undefined);
    await database?.cleanup();
    rmSync(authorityKeys, { recursive: true, force: true });
    throw error;
  }
}
