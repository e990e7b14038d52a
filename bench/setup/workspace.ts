import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { ConfigInput } from '../../src/config/schema.js';
import { Keystore } from '../../src/keys/keystore.js';
import { generateMissing } from '../../src/keys/rotation.js';
import { freePort } from '../../test/support/ports.js';
import { createBenchIdp, idpMetadataXml, type BenchIdp } from '../idp/identity.js';
import type { BenchOptions } from '../options.js';

/** The bench country (its IdP is the driver) and the one confidential portal. */
export const benchCountry = 'IT';
export const nodeCountry = 'DE';

export interface BenchPortal { clientId: string; clientSecret: string; redirectUri: string }

export interface Workspace {
  dir: string;
  configFile: string;
  keysDir: string;
  publicUrl: string;
  port: number;
  /** The port of every server instance (the first is the public URL's). */
  ports: number[];
  /** A free port for one more instance of the same deployment (the two-instance phase). */
  sparePort: number;
  /** Bearer token of /metrics on every instance (the bench reads the statement counter there). */
  metricsToken: string;
  idp: BenchIdp;
  portal: BenchPortal;
  /** Passerelle's own keys, read by the driver for the crypto floor and by the IdP to encrypt to. */
  keystore: Keystore;
  remove(): void;
}

/** Evidence the bench portal may ask for (the demo authorities hold it for the demo citizens). */
export const benchEvidenceRequest = { type: 'family-composition', procedure: 'kindergarten-application' };

/**
 * A temporary directory with everything a production start needs and nothing from the demo:
 * production keys (the keystore API, as `npm run keys -- generate --dir` does), the driver
 * IdP's metadata file, and a configuration with `environment: production`.
 */
export async function createWorkspace(options: BenchOptions, databaseUrl: string, extra: (publicUrl: string, dir: string) => Promise<Partial<ConfigInput>> = async () => ({})): Promise<Workspace> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
  try {
    const keysDir = path.join(dir, 'keys');
    await generateMissing(keysDir, 'passerelle.bench', false);
    const keystore = await Keystore.open(keysDir, { generateDevelopmentKeys: false });
    const ports: number[] = [];
    while (ports.length < options.instances) {
      const candidate = await freePort();
      if (!ports.includes(candidate)) ports.push(candidate);
    }
    let sparePort = await freePort();
    while (ports.includes(sparePort)) sparePort = await freePort();
    const metricsToken = randomBytes(32).toString('base64url');
    const port = ports[0]!;
    const publicUrl = `http://127.0.0.1:${port}`;
    const idp = await createBenchIdp(benchCountry, options.idpAlgorithm);
    const metadataFile = path.join(dir, `idp-${benchCountry.toLowerCase()}.xml`);
    writeFileSync(metadataFile, idpMetadataXml(idp));
    const portal: BenchPortal = { clientId: 'bench-portal', clientSecret: randomBytes(32).toString('base64url'), redirectUri: 'http://127.0.0.1:9/callback' };
    const config: ConfigInput = {
      publicUrl,
      nodeCountry,
      port,
      host: '127.0.0.1',
      environment: 'production',
      operator: {
        name: { en: 'Benchmark operator' }, country: nodeCountry, contact: 'support@bench.invalid',
        privacyNotice: 'https://bench.invalid/privacy', accessibilityStatement: 'https://bench.invalid/accessibility',
      },
      database: { url: databaseUrl },
      keys: { directory: keysDir },
      secrets: { pairwiseSecret: randomBytes(32).toString('base64url'), cookieKeys: [randomBytes(32).toString('base64url')] },
      countries: [{
        code: benchCountry, names: { it: 'Italia', en: 'Italy', de: 'Italien', fr: 'Italie' }, languages: ['it'],
        idp: { metadataFile }, minimumLoa: 'substantial',
      }],
      portals: [{
        clientId: portal.clientId, name: { en: 'Benchmark portal' }, clientSecret: portal.clientSecret,
        redirectUris: [portal.redirectUri], allowedClaims: ['given_name', 'family_name', 'birthdate', 'acr', 'amr'],
        evidence: [benchEvidenceRequest],
      }],
      evidence: { purgeIntervalSeconds: 0 },
      metrics: { token: metricsToken },
      // One driver address plays every citizen: limits high enough never to refuse it, still counted (their cost stays in the figures).
      rateLimits: { browser: { limit: 10_000_000, windowSeconds: 60 }, backChannel: { limit: 10_000_000, windowSeconds: 60 } },
      ...(await extra(publicUrl, dir)),
    };
    const configFile = path.join(dir, 'passerelle.yaml');
    writeFileSync(configFile, stringify(config), { mode: 0o600 });
    return { dir, configFile, keysDir, publicUrl, port, ports, sparePort, metricsToken, idp, portal, keystore, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
