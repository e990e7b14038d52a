import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConfigInput } from '../../../../src/config/schema.js';
import type { AppContext } from '../../../../src/context.js';
import { demoLeaf, demoRootCa } from '../../../../src/demo/wallet/certificates.js';
import { DemoPidProvider } from '../../../../src/demo/wallet/pid-provider.js';
import { demoRegistrationCertificate } from '../../../../src/demo/wallet/registration.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from '../../../../src/demo/authority/server.js';
import { demoAuthorities } from '../../../../src/demo/authority/authorities.js';
import { clearIssuerKeysCache } from '../../../../src/evidence/authority/issuer-keys.js';
import { requesterJwksPath } from '../../../../src/evidence/authority/protocol.js';
import { requesterJwksFeature } from '../../../../src/evidence/authority/requester-jwks.js';
import { evidenceFeature, type EvidenceFeature } from '../../../../src/evidence/feature.js';
import { walletFrontDoor, type WalletFrontDoor } from '../../../../src/inbound/wallet/index.js';
import { openIdProvider, type OpenIdProvider } from '../../../../src/outbound/oidc/index.js';
import { buildContext } from '../../../../src/runtime.js';
import type { Database } from '../../../../src/storage/database.js';
import { createApp } from '../../../../src/web/app.js';
import { createLogger } from '../../../../src/web/logger.js';
import { baseTestConfig, testConfig } from '../../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../../support/database.js';
import { defaultPortals, testCountries } from '../../../outbound/oidc/support/harness.js';
import { TestIdentityAdapter } from '../../../outbound/oidc/support/test-adapter.js';

export interface WalletPasserelle {
  url: string;
  issuer: string;
  ctx: AppContext;
  op: OpenIdProvider;
  wallet: WalletFrontDoor;
  /** The eIDAS side (a unit double handing over a built citizen). */
  eidas: TestIdentityAdapter;
  /** Italy's PID provider (trusted) and a provider nobody trusts. */
  italy: DemoPidProvider;
  rogue: DemoPidProvider;
  logs: string[];
  /** Writes the trusted list file again (Italy's provider at high), with these top-level fields. */
  writeTrustedList(fields?: { nextUpdate?: string }): void;
  /** The demo issuing authorities, when started with `evidence`. */
  authorities?: RunningDemoAuthorities;
  close(): Promise<void>;
}

export interface WalletPasserelleOptions {
  db: Database;
  /** Top-level fields of the trusted list as first written (e.g. nextUpdate). */
  trustedList?: { nextUpdate?: string };
  /** Overrides of the wallet configuration section. */
  wallet?: { trustedListGraceSeconds?: number };
  /** Also the evidence domain, with the demo issuing authorities over real HTTP. */
  evidence?: boolean;
}

/**
 * Passerelle with the OpenID Provider, a test eIDAS adapter and the real wallet verifier, over
 * real HTTP. Its access certificate, trusted list (Italy's demo PID provider at high) and the
 * portals' registration certificates are generated into a temporary directory; status lists
 * are served in-process. `kita` and `padron` have registration certificates, `spa` has none.
 */
export async function startWalletPasserelle(options: WalletPasserelleOptions): Promise<WalletPasserelle> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-wallet-'));
  const italy = await DemoPidProvider.create('IT', 'Demo PID provider Italy', 'https://pid.demo/it/status/1');
  const rogue = await DemoPidProvider.create('IT', 'Unlisted PID provider', 'https://pid.rogue/status/1');
  const accessCa = await demoRootCa('CN=Demo access CA, O=Demo registrar, C=EU');
  const access = await demoLeaf(accessCa, 'CN=Passerelle, O=Passerelle, C=DE');
  const registrar = await demoLeaf(accessCa, 'CN=Demo registrar, O=Demo registrar, C=EU');
  writeFileSync(path.join(dir, 'access.key.pem'), access.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  writeFileSync(path.join(dir, 'access.chain.pem'), access.pem + accessCa.pem);
  const writeTrustedList = (fields: { nextUpdate?: string } = {}) => {
    writeFileSync(path.join(dir, 'trusted-list.json'), JSON.stringify({ listIssuer: 'Test list', issueDate: new Date().toISOString(), ...fields, entities: [italy.trustedListEntry('high')] }));
  };
  writeTrustedList(options.trustedList);
  // Both portals pairwise here, so a test can tell one citizen's sub at two portals apart.
  const portals = defaultPortals().map((p) => (p.clientId === 'padron' ? { ...p, subjectType: 'pairwise' as const } : p));
  for (const portal of portals.filter((p) => p.clientId !== 'spa')) {
    const file = path.join(dir, `${portal.clientId}.rc.jwt`);
    writeFileSync(file, await demoRegistrationCertificate(registrar, { clientId: portal.clientId, name: portal.name.en!, country: 'DE' }, 'passerelle', portal.allowedClaims ?? []));
    portal.walletRegistrationCertificateFile = file;
  }
  const authorities = options.evidence
    ? await createDemoAuthorityServer({ port: 0, keysDirectory: path.join(dir, 'authorities'), passerelleJwksUrl: url + requesterJwksPath })
    : undefined;
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => { logs.push(line); } } });
  const input: ConfigInput = {
    ...baseTestConfig(), publicUrl: url, countries: testCountries(), portals,
    wallet: { accessCertificate: { keyFile: path.join(dir, 'access.key.pem'), certificateChainFile: path.join(dir, 'access.chain.pem') }, trustedListFile: path.join(dir, 'trusted-list.json'), ...options.wallet },
    ...(authorities ? {
      issuingAuthorities: demoAuthorities.map((a) => ({
        id: a.id, country: a.country, name: { en: a.name.en }, url: authorities.issuers[a.id]!, evidenceTypes: [...a.evidenceTypes], allowInsecureUrl: true,
      })),
      evidence: { defaultConsentDays: 90, purgeIntervalSeconds: 0 },
    } : {}),
  };
  const ctx = await buildContext(testConfig(input), { db: options.db, logger });
  const statusLists: typeof fetch = async (target, init) => {
    const href = String(target instanceof Request ? target.url : target);
    for (const provider of [italy, rogue]) {
      if (href === provider.statusListUri) return new Response(await provider.statusListToken(), { headers: { 'content-type': 'application/statuslist+jwt' } });
    }
    return fetch(target, init);
  };
  const eidas = new TestIdentityAdapter();
  const late: { wallet?: WalletFrontDoor; evidence?: EvidenceFeature } = {};
  const op = openIdProvider(ctx, { adapter: eidas, wallet: () => late.wallet?.adapter, ...(authorities ? { evidence: () => late.evidence?.interaction } : {}) });
  eidas.handOff = op.handOff;
  const wallet = walletFrontDoor(ctx, op.handOff, { fetchImpl: statusLists })!;
  late.wallet = wallet;
  if (authorities) late.evidence = evidenceFeature(ctx, { oidc: op });
  const evidence = late.evidence;
  server.on('request', await createApp(ctx, [op.feature, wallet.feature, ...(evidence ? [requesterJwksFeature, (app: Parameters<typeof op.feature>[0]) => evidence.mount(app)] : [])]));
  return {
    url, issuer: `${url}/oidc`, ctx, op, wallet, eidas, italy, rogue, logs, writeTrustedList, ...(authorities ? { authorities } : {}),
    close: async () => {
      await new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); });
      for (const hook of ctx.onClose) await hook();
      await authorities?.close();
      if (authorities) clearIssuerKeysCache();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Registers before/after hooks in the calling describe: a fresh database and a wallet Passerelle on it. */
export function withWalletPasserelle(options: Omit<WalletPasserelleOptions, 'db'> = {}): { readonly database: TestDatabase; readonly passerelle: WalletPasserelle } {
  const fixture: { database?: TestDatabase; passerelle?: WalletPasserelle } = {};
  before(async () => {
    fixture.database = await createTestDatabase();
    fixture.passerelle = await startWalletPasserelle({ ...options, db: fixture.database.db });
  });
  after(async () => {
    await fixture.passerelle?.close();
    await fixture.database?.cleanup();
  });
  return {
    get database() { return fixture.database!; },
    get passerelle() { return fixture.passerelle!; },
  };
}
