import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConfigInput } from '../../../../src/config/schema.js';
import type { Clock } from '../../../../src/core/clock.js';
import type { AppContext } from '../../../../src/context.js';
import type { EvidenceInteractionPort } from '../../../../src/evidence/ports.js';
import { openIdProvider, type OpenIdProvider } from '../../../../src/outbound/oidc/index.js';
import { buildContext } from '../../../../src/runtime.js';
import type { Database } from '../../../../src/storage/database.js';
import { createApp, type Feature } from '../../../../src/web/app.js';
import { createLogger } from '../../../../src/web/logger.js';
import { baseTestConfig, testConfig } from '../../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../../support/database.js';
import { TestIdentityAdapter } from './test-adapter.js';

type PortalInput = NonNullable<ConfigInput['portals']>[number];

/** The relying parties the OIDC tests play. Their redirect URIs are never fetched. */
export const rp = {
  kita: { clientId: 'kita', secret: 'kita-secret-0123456789abcdef0123456789', redirectUri: 'http://rp-kita.test/cb', postLogout: 'http://rp-kita.test/bye' },
  padron: { clientId: 'padron', secret: 'padron-secret-0123456789abcdef01234567', redirectUri: 'http://rp-padron.test/cb', postLogout: 'http://rp-padron.test/bye' },
  spa: { clientId: 'spa', redirectUri: 'http://rp-spa.test/cb' },
  /** private_key_jwt; registered by the tests that generate its keys. */
  jwt: { clientId: 'jwt', redirectUri: 'http://rp-jwt.test/cb' },
} as const;

export function defaultPortals(): PortalInput[] {
  return [
    {
      clientId: rp.kita.clientId, name: { en: 'Kindergarten', de: 'Kita' }, clientSecret: rp.kita.secret,
      redirectUris: [rp.kita.redirectUri], postLogoutRedirectUris: [rp.kita.postLogout],
      allowedClaims: ['given_name', 'family_name', 'birthdate', 'gender', 'address', 'place_of_birth'],
      evidence: [{ type: 'family-composition', procedure: 'kindergarten-application' }],
      refreshTokens: true,
    },
    {
      clientId: rp.padron.clientId, name: { en: 'Census', es: 'Padrón' }, clientSecret: rp.padron.secret,
      tokenEndpointAuthMethod: 'client_secret_post', subjectType: 'public',
      redirectUris: [rp.padron.redirectUri], postLogoutRedirectUris: [rp.padron.postLogout],
      allowedClaims: ['given_name', 'family_name', 'birthdate', 'birth_family_name', 'address', 'eidas_person_identifier', 'nationalities'],
    },
    { clientId: rp.spa.clientId, name: { en: 'Single-page app' }, public: true, redirectUris: [rp.spa.redirectUri] },
  ];
}

const idp = (code: string) => ({ metadataUrl: `http://127.0.0.1:1/${code.toLowerCase()}/metadata`, allowInsecureMetadataUrl: true });

export function testCountries(): NonNullable<ConfigInput['countries']> {
  return [
    { code: 'IT', names: { it: 'Italia', en: 'Italy', de: 'Italien' }, languages: ['it'], idp: idp('IT') },
    { code: 'DE', names: { de: 'Deutschland', en: 'Germany' }, languages: ['de'], idp: idp('DE') },
    { code: 'ES', names: { es: 'España', en: 'Spain' }, languages: ['es'], idp: idp('ES') },
    { code: 'RS', names: { sr: 'Србија', en: 'Serbia' }, languages: ['sr'], idp: idp('RS'), minimumLoa: 'low' },
  ];
}

export interface OidcTestServer {
  url: string;
  issuer: string;
  ctx: AppContext;
  op: OpenIdProvider;
  adapter: TestIdentityAdapter;
  /** Every log line this instance wrote (JSON). */
  logs: string[];
  close(): Promise<void>;
}

export interface OidcTestOptions {
  db: Database;
  portals?: PortalInput[];
  evidence?: EvidenceInteractionPort;
  clock?: Clock;
  /** Public URL shared by several instances (behind a test load balancer). */
  publicUrl?: string;
  oidc?: ConfigInput['oidc'];
  /** A keyring directory of the test's own (key rotation tests). */
  keysDirectory?: string;
  /** Rate limits and the trusted proxy chain (defaults: the product's). */
  rateLimits?: ConfigInput['rateLimits'];
  trustProxy?: ConfigInput['trustProxy'];
  /** Countries configured and served by the test adapter (default: testCountries()). */
  countries?: NonNullable<ConfigInput['countries']>;
  /** Extra routes mounted after the OP (test doubles of other features), given the OP. */
  extraFeatures?: Array<(op: OpenIdProvider) => Feature>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * Passerelle with only the OpenID Provider feature and the test adapter, on a port chosen
 * before the configuration is built (so the issuer is the real URL).
 */
export async function startOidcServer(options: OidcTestOptions): Promise<OidcTestServer> {
  const server = createServer();
  const port = await listen(server);
  const url = `http://127.0.0.1:${port}`;
  const publicUrl = options.publicUrl ?? url;
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => { logs.push(line); } } });
  const loaded = testConfig({
    ...baseTestConfig(),
    publicUrl,
    countries: options.countries ?? testCountries(),
    portals: options.portals ?? defaultPortals(),
    ...(options.oidc ? { oidc: options.oidc } : {}),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.keysDirectory ? { keys: { directory: options.keysDirectory, generateDevelopmentKeys: true } } : {}),
  });
  const ctx = await buildContext(loaded, { db: options.db, logger, ...(options.clock ? { clock: options.clock } : {}) });
  const adapter = new TestIdentityAdapter(options.countries?.map((c) => c.code));
  const op = openIdProvider(ctx, { adapter, ...(options.evidence ? { evidence: options.evidence } : {}) });
  adapter.handOff = op.handOff;
  const app = await createApp(ctx, [op.feature, ...(options.extraFeatures ?? []).map((make) => make(op))]);
  server.on('request', app);
  return {
    url, issuer: `${publicUrl}/oidc`, ctx, op, adapter, logs,
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      for (const hook of ctx.onClose) await hook();
    },
  };
}

/**
 * For a suite that shares one server: registers the hooks that open a fresh database and start
 * the server before its tests and close both after. Read `database` and `server` from the
 * returned holder inside the tests.
 */
export function oidcServerForSuite(options: Omit<OidcTestOptions, 'db'> = {}): { database: TestDatabase; server: OidcTestServer } {
  const holder = {} as { database: TestDatabase; server: OidcTestServer };
  before(async () => {
    holder.database = await createTestDatabase();
    holder.server = await startOidcServer({ db: holder.database.db, ...options });
  });
  after(async () => {
    await holder.server?.close();
    await holder.database?.cleanup();
  });
  return holder;
}
