import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import type { ConfigInput } from '../../../src/config/schema.js';
import type { AppContext } from '../../../src/context.js';
import { citizenKey } from '../../../src/core/citizen-key.js';
import { buildCitizen, type AuthenticatedCitizen } from '../../../src/core/citizen.js';
import { fixedClock } from '../../../src/core/clock.js';
import { demoAuthorities } from '../../../src/demo/authority/authorities.js';
import type { DemoRecordBook } from '../../../src/demo/authority/records.js';
import { createDemoAuthorityServer, type RunningDemoAuthorities } from '../../../src/demo/authority/server.js';
import { citizenByKey, personIdentifierOf } from '../../../src/demo/citizens.js';
import { clearIssuerKeysCache } from '../../../src/evidence/authority/issuer-keys.js';
import { requesterJwksPath } from '../../../src/evidence/authority/protocol.js';
import { requesterJwksFeature } from '../../../src/evidence/authority/requester-jwks.js';
import { evidenceFeature, type EvidenceFeature } from '../../../src/evidence/feature.js';
import type { EvidenceDeps, EvidenceRequestDetail, RepresentationRequestDetail } from '../../../src/evidence/ports.js';
import { startPasserelle, type RunningPasserelle } from '../../../src/runtime.js';
import type { Database } from '../../../src/storage/database.js';
import type { Feature } from '../../../src/web/app.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { locationOf, type TestBrowser } from './browser.js';
import { OidcDouble } from './oidc-double.js';

export const kita = { clientId: 'bremerhaven-kita', procedure: 'kindergarten-application', purpose: 'Kindergarten place application' };

export const familyComposition: EvidenceRequestDetail = { type: 'evidence', evidence_type: 'family-composition', procedure: kita.procedure, purpose: kita.purpose };
export const residence: EvidenceRequestDetail = { type: 'evidence', evidence_type: 'residence', procedure: kita.procedure };
export const actForChild: RepresentationRequestDetail = { type: 'representation', procedure: kita.procedure };

const portals: ConfigInput['portals'] = [
  {
    clientId: 'bremerhaven-kita', name: { de: 'Kita-Anmeldung Bremerhaven', en: 'Bremerhaven kindergarten application' },
    clientSecret: 'test-bremerhaven-secret-0123456789abcdef', redirectUris: ['http://127.0.0.1:3003/callback'],
    evidence: [
      { type: 'family-composition', procedure: kita.procedure, purpose: { en: kita.purpose } },
      { type: 'residence', procedure: kita.procedure },
    ],
    representation: [{ procedure: kita.procedure, purpose: { en: 'Applying for a kindergarten place for your child' } }],
    procedures: { [kita.procedure]: { en: 'Kindergarten enrolment', de: 'Kita-Anmeldung' } },
  },
  {
    clientId: 'santander-padron', name: { es: 'Padrón de Santander', en: 'Santander census' },
    clientSecret: 'test-santander-secret-0123456789abcdefgh', redirectUris: ['http://127.0.0.1:3004/callback'],
    evidence: [{ type: 'family-composition', procedure: 'census-registration' }, { type: 'birth', procedure: 'census-registration' }, { type: 'marriage', procedure: 'census-registration' }],
    defaultConsentDays: 30,
  },
];

export interface EvidenceHarness {
  url: string;
  ctx: AppContext;
  clock: ReturnType<typeof fixedClock>;
  oidc: OidcDouble;
  feature: EvidenceFeature;
  authorities: RunningDemoAuthorities;
  database: TestDatabase;
  /** Makes the `occurrence`-th pass through a named checkpoint throw (failure injection inside transactions). */
  failAt(stage: string | undefined, occurrence?: number): void;
  citizen(key: string): AuthenticatedCitizen;
  citizenKeyOf(key: string): string;
  /** What the OpenID Provider does after identity consent: begin the evidence step in this browser. */
  begin(browser: TestBrowser, citizen: string, details: Array<EvidenceRequestDetail | RepresentationRequestDetail>, clientId?: string): Promise<string>;
  /** A second instance on the same database. */
  secondInstance(): Promise<RunningPasserelle>;
  close(): Promise<void>;
}

/** `purgeIntervalSeconds` > 0 starts the periodic purge timer (real time; the tests' runs are explicit `purgeOnce` calls). */
export async function startEvidenceHarness(options: { start?: string; purgeIntervalSeconds?: number; records?: DemoRecordBook } = {}): Promise<EvidenceHarness> {
  const clock = fixedClock(options.start ?? '2026-11-27T09:00:00Z');
  const keysDirectory = mkdtempSync(path.join(os.tmpdir(), 'passerelle-evidence-authority-'));
  let passerelleUrl = '';
  const authorities = await createDemoAuthorityServer({
    port: 0, keysDirectory, passerelleJwksUrl: () => passerelleUrl + requesterJwksPath, clock, ...(options.records ? { records: options.records } : {}),
  });
  const database = await createTestDatabase();
  const oidc = new OidcDouble();
  let failing: { stage: string; remaining: number } | undefined;
  const deps: EvidenceDeps = {
    oidc,
    checkpoint: (stage) => {
      if (!failing || stage !== failing.stage) return;
      failing.remaining -= 1;
      if (failing.remaining === 0) throw new Error(`injected failure at ${stage}`);
    },
  };
  const features: { feature?: EvidenceFeature } = {};
  const testFeatures = (db: Database): Feature[] => [requesterJwksFeature, (app, ctx) => {
    const feature = evidenceFeature(ctx, deps);
    feature.mount(app);
    oidc.mount(app);
    if (ctx.db === db && !features.feature) features.feature = feature;
    app.post('/test/begin', express.json(), async (req, res) => {
      const body = req.body as { citizen: string; details: Array<EvidenceRequestDetail | RepresentationRequestDetail>; clientId: string };
      const citizen = demoCitizen(body.citizen, ctx.clock.now());
      await feature.interaction.begin(req, res, {
        interactionUid: `uid-${Math.random().toString(36).slice(2)}`, clientId: body.clientId,
        citizenKey: citizenKey(citizen.personIdentifier, ctx.config.secrets.pairwiseSecret), citizen, lang: 'en',
        details: body.details.filter((d): d is EvidenceRequestDetail => d.type === 'evidence'),
        representations: body.details.filter((d): d is RepresentationRequestDetail => d.type === 'representation'),
      });
    });
  }];
  const config = testConfig({
    countries: [
      { code: 'IT', names: { it: 'Italia', en: 'Italy' }, languages: ['it'], idp: { metadataUrl: 'http://127.0.0.1:1/it/metadata', allowInsecureMetadataUrl: true } },
      { code: 'ES', names: { es: 'España', en: 'Spain' }, languages: ['es'], idp: { metadataUrl: 'http://127.0.0.1:1/es/metadata', allowInsecureMetadataUrl: true } },
    ],
    portals,
    issuingAuthorities: demoAuthorities.map((a) => ({
      id: a.id, country: a.country, name: { en: a.name.en }, url: authorities.issuers[a.id]!, evidenceTypes: [...a.evidenceTypes], allowInsecureUrl: true,
    })),
    evidence: { defaultConsentDays: 90, purgeIntervalSeconds: options.purgeIntervalSeconds ?? 0 },
  });
  const passerelle = await startPasserelle(config, { features: testFeatures(database.db), port: 0, host: '127.0.0.1', db: database.db, clock });
  passerelleUrl = passerelle.url;
  const others: RunningPasserelle[] = [];
  const harness: EvidenceHarness = {
    url: passerelle.url, ctx: passerelle.ctx, clock, oidc, feature: features.feature!, authorities, database,
    failAt: (stage, occurrence = 1) => { failing = stage ? { stage, remaining: occurrence } : undefined; },
    citizen: (key) => demoCitizen(key, clock.now()),
    citizenKeyOf: (key) => citizenKey(demoCitizen(key, clock.now()).personIdentifier, passerelle.ctx.config.secrets.pairwiseSecret),
    begin: async (browser, citizen, details, clientId = kita.clientId) => {
      const response = await fetch(`${browser.baseUrl}/test/begin`, {
        method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ citizen, details, clientId }),
      });
      if (response.status !== 303) throw new Error(`begin answered ${response.status}: ${await response.text()}`);
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const index = pair!.indexOf('=');
        browser.cookies.set(pair!.slice(0, index), decodeURIComponent(pair!.slice(index + 1)));
      }
      return locationOf(response);
    },
    secondInstance: async () => {
      const db = database.reopen();
      const other = await startPasserelle(config, { features: testFeatures(db), port: 0, host: '127.0.0.1', db, clock });
      others.push(other);
      return other;
    },
    close: async () => {
      for (const other of others) await other.close();
      await passerelle.close();
      await authorities.close();
      await database.cleanup();
      clearIssuerKeysCache();
      rmSync(keysDirectory, { recursive: true, force: true });
    },
  };
  return harness;
}

export function demoCitizen(key: string, now: number): AuthenticatedCitizen {
  const demo = citizenByKey(key);
  if (!demo) throw new Error(`no demo citizen ${key}`);
  return buildCitizen({
    personIdentifier: personIdentifierOf(demo, 'DE'), familyName: demo.familyName, givenName: demo.givenName,
    dateOfBirth: demo.dateOfBirth, loa: 'substantial', country: demo.country,
    source: { protocol: 'eidas-saml', issuer: `https://idp.example/${demo.country.toLowerCase()}` },
    assertionId: `_assertion-${key}`, authenticatedAt: now,
  }, 'DE');
}
