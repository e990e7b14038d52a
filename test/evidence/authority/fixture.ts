import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../../src/context.js';
import { buildCitizen, type AuthenticatedCitizen } from '../../../src/core/citizen.js';
import type { Clock } from '../../../src/core/clock.js';
import { demoAuthorities } from '../../../src/demo/authority/authorities.js';
import type { DemoRecordBook } from '../../../src/demo/authority/records.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from '../../../src/demo/authority/server.js';
import { citizenByKey, personIdentifierOf } from '../../../src/demo/citizens.js';
import { clearIssuerKeysCache } from '../../../src/evidence/authority/issuer-keys.js';
import { requesterJwksPath } from '../../../src/evidence/authority/protocol.js';
import { requesterJwksFeature } from '../../../src/evidence/authority/requester-jwks.js';
import { startPasserelle, type RunningPasserelle } from '../../../src/runtime.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

export interface AuthorityFixture {
  passerelle: RunningPasserelle;
  ctx: AppContext;
  authorities: RunningDemoAuthorities;
  keysDirectory: string;
  /** A demo citizen as Passerelle would have authenticated them, with optional changes. */
  citizen(key: string, overrides?: Partial<AuthenticatedCitizen>): AuthenticatedCitizen;
  close(): Promise<void>;
}

/**
 * Real peers over real HTTP: the demo authorities app on a free port, and a Passerelle that
 * publishes its requester JWKS with the feature under test and lists the authorities in its
 * configuration. `authorityBaseUrl` lets a test put an intercepting proxy in between.
 */
export async function startAuthorityFixture(options: {
  clock?: Clock; records?: DemoRecordBook; authorityBaseUrl?: string; keysDirectory?: string;
} = {}): Promise<AuthorityFixture> {
  const keysDirectory = options.keysDirectory ?? mkdtempSync(path.join(os.tmpdir(), 'passerelle-authority-keys-'));
  let passerelleUrl = '';
  const authorities = await createDemoAuthorityServer({
    port: 0,
    keysDirectory,
    passerelleJwksUrl: () => passerelleUrl + requesterJwksPath,
    ...(options.authorityBaseUrl ? { publicUrl: options.authorityBaseUrl } : {}),
    ...(options.records ? { records: options.records } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  let database: TestDatabase | undefined;
  try {
    database = await createTestDatabase();
    const passerelle = await startPasserelle(testConfig({
      issuingAuthorities: demoAuthorities.map((a) => ({
        id: a.id, country: a.country, name: { en: a.name.en }, url: authorities.issuers[a.id]!,
        evidenceTypes: [...a.evidenceTypes], allowInsecureUrl: true,
      })),
    }), { features: [requesterJwksFeature], port: 0, host: '127.0.0.1', db: database.db, ...(options.clock ? { clock: options.clock } : {}) });
    passerelleUrl = passerelle.url;
    const db = database;
    return {
      passerelle, ctx: passerelle.ctx, authorities, keysDirectory,
      citizen: (key, overrides = {}) => demoCitizen(key, passerelle.ctx, overrides),
      close: async () => {
        await passerelle.close();
        await authorities.close();
        await db.cleanup();
        clearIssuerKeysCache();
        if (!options.keysDirectory) rmSync(keysDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await authorities.close();
    await database?.cleanup();
    throw error;
  }
}

export function demoCitizen(key: string, ctx: AppContext, overrides: Partial<AuthenticatedCitizen> = {}): AuthenticatedCitizen {
  const demo = citizenByKey(key);
  if (!demo) throw new Error(`no demo citizen ${key}`);
  return buildCitizen({
    personIdentifier: personIdentifierOf(demo, 'DE'),
    familyName: demo.familyName,
    givenName: demo.givenName,
    dateOfBirth: demo.dateOfBirth,
    loa: 'substantial',
    country: demo.country,
    source: { protocol: 'eidas-saml', issuer: `https://idp.example/${demo.country.toLowerCase()}` },
    assertionId: `_assertion-${key}`,
    authenticatedAt: ctx.clock.now(),
    ...overrides,
  }, 'DE');
}

export const lecceRequest = {
  requester: { clientId: 'bremerhaven-kita', name: 'Kita-Anmeldung Bremerhaven' },
  procedure: 'kindergarten-application',
  purpose: 'Kindergarten place application',
};
