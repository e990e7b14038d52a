import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { Request, Response } from 'express';
import type { ConfigInput } from '../../../../src/config/schema.js';
import { fixedClock } from '../../../../src/core/clock.js';
import type { AuthenticatedCitizen } from '../../../../src/core/citizen.js';
import type { PasserelleError } from '../../../../src/core/errors.js';
import type { Loa } from '../../../../src/core/loa.js';
import type { LoginHandOff } from '../../../../src/inbound/identity-adapter.js';
import { samlFeature, type SamlConnector } from '../../../../src/inbound/saml/index.js';
import { startPasserelle, type RunningPasserelle } from '../../../../src/runtime.js';
import type { Logger } from '../../../../src/web/logger.js';
import { createTestDatabase, type TestDatabase } from '../../../support/database.js';
import { testConfig } from '../../../support/config.js';
import { defaultFields, type ResponseFields } from './response-builder.js';
import { createTestIdp, idpMetadataXml, type IdpMetadataOptions, type TestIdp } from './test-idp.js';

export const frozenNow = Date.parse('2026-11-27T10:00:00.000Z');
export const publicUrl = 'http://127.0.0.1:3000';
export const sp = { acsUrl: `${publicUrl}/saml/acs`, entityId: `${publicUrl}/saml/metadata` };

/** Records what the connector hands to the waiting flow; answers with JSON so tests can read it. */
export class RecordingHandOff implements LoginHandOff {
  readonly succeeded: Array<{ flowId: string; citizen: AuthenticatedCitizen }> = [];
  readonly failed: Array<{ flowId: string; code: string }> = [];
  async loginSucceeded(_req: Request, res: Response, flowId: string, citizen: AuthenticatedCitizen): Promise<void> {
    this.succeeded.push({ flowId, citizen });
    res.json({ outcome: 'success', flowId });
  }
  async loginFailed(_req: Request, res: Response, flowId: string, error: PasserelleError): Promise<void> {
    this.failed.push({ flowId, code: error.code });
    res.json({ outcome: 'failed', flowId, code: error.code });
  }
}

export interface StartedLogin {
  requestId: string;
  relayState: string;
  cookie: string;
  authnRequestXml: string;
  binding: 'post' | 'redirect';
  /** Fields of a valid Response to this request (tests change what they exercise). */
  fields: ResponseFields;
}

export interface HarnessOptions {
  countries?: (metadataFile: (code: string) => string) => ConfigInput['countries'];
  metadata?: Partial<Record<string, IdpMetadataOptions>>;
  saml?: ConfigInput['saml'];
  /** The soak's thousands of logins from one address are no attack. */
  rateLimits?: ConfigInput['rateLimits'];
  /** Our own keys (default: the shared test keys). */
  keys?: ConfigInput['keys'];
  /** Frozen time (default 2026-11-27T10:00:00Z). */
  now?: number;
  /** Public URL (default http://127.0.0.1:3000, which the fixtures and `sp` assume). */
  publicUrl?: string;
  logger?: Logger;
}

/**
 * A running Passerelle with the SAML connector, three test IdPs (IT: RSA, ES: ECDSA P-256,
 * RS: national profile allowing RSA PKCS#1 v1.5 and AES-CBC) whose metadata sits in files, a frozen
 * clock, a recording hand-off and a test route that starts logins.
 */
export class SamlHarness {
  handOff = new RecordingHandOff();
  clock = fixedClock(frozenNow);
  idps: Record<'IT' | 'ES' | 'RS', TestIdp> = {} as never;
  running!: RunningPasserelle;
  connector!: SamlConnector;
  database!: TestDatabase;
  dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-saml-'));

  async start(options: HarnessOptions = {}): Promise<this> {
    if (options.now !== undefined) this.clock.set(options.now);
    this.idps = { IT: await createTestIdp('IT'), ES: await createTestIdp('ES', { keyType: 'EC' }), RS: await createTestIdp('RS') };
    const file = (code: string) => path.join(this.dir, `${code.toLowerCase()}.xml`);
    for (const idp of Object.values(this.idps)) writeFileSync(file(idp.country), idpMetadataXml(idp, options.metadata?.[idp.country]));
    const names = { en: 'Test' };
    const countries = options.countries?.(file) ?? [
      { code: 'IT', names, languages: ['it'], idp: { metadataFile: file('IT') } },
      { code: 'ES', names, languages: ['es'], idp: { metadataFile: file('ES') }, minimumLoa: 'low' as const },
      { code: 'RS', names, languages: ['en'], idp: { metadataFile: file('RS') }, algorithms: { profile: 'national' as const, allowRsaPkcs1v15Signatures: true, allowCbcEncryption: true } },
    ];
    this.database = await createTestDatabase();
    this.running = await startPasserelle(testConfig({ publicUrl: options.publicUrl ?? publicUrl, countries, ...(options.saml ? { saml: options.saml } : {}), ...(options.keys ? { keys: options.keys } : {}), ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}) }), {
      port: 0, host: '127.0.0.1', clock: this.clock, db: this.database.db, ...(options.logger ? { logger: options.logger } : {}),
      features: [
        samlFeature(this.handOff, (connector) => { this.connector = connector; }),
        (app) => {
          app.get('/test/login', async (req, res, next) => {
            try {
              const q = req.query as Record<string, string | undefined>;
              await this.connector.adapter.startLogin(req, res, {
                flowId: q.flow ?? 'flow-1', country: q.country ?? 'IT', minimumLoa: (q.loa ?? 'low') as Loa,
                requestedAttributes: q.attr ? q.attr.split(',').map((a) => ({ name: a.replace('!', '') as never, required: a.endsWith('!') })) : [],
                ...(q.requester ? { requesterId: q.requester } : {}),
                ...(q.subject === 'legal' ? { subject: 'legal' as const } : {}),
              });
            } catch (error) {
              next(error);
            }
          });
        },
      ],
    });
    return this;
  }

  get url(): string { return this.running.url; }
  get ctx() { return this.running.ctx; }

  async stop(): Promise<void> {
    await this.running?.close();
    await this.database?.cleanup();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Starts a login like the OpenID Provider would and reads what the browser receives. */
  async login(country: 'IT' | 'ES' | 'RS' = 'IT', query: Record<string, string> = {}, sameBrowserAs?: Pick<StartedLogin, 'cookie'>): Promise<StartedLogin> {
    const response = await fetch(`${this.url}/test/login?${new URLSearchParams({ country, ...query })}`, {
      redirect: 'manual', ...(sameBrowserAs?.cookie ? { headers: { cookie: sameBrowserAs.cookie } } : {}),
    });
    const cookie = (response.headers.getSetCookie().find((c) => c.startsWith('passerelle_saml=')) ?? '').split(';')[0] || sameBrowserAs?.cookie || '';
    let encoded: string;
    let relayState: string;
    let binding: 'post' | 'redirect';
    let authnRequestXml: string;
    if (response.status === 303) {
      const location = new URL(response.headers.get('location')!);
      encoded = location.searchParams.get('SAMLRequest')!;
      relayState = location.searchParams.get('RelayState')!;
      binding = 'redirect';
      authnRequestXml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
    } else {
      const page = await response.text();
      if (response.status !== 200) throw new Error(`login start failed: ${response.status} ${page.slice(0, 200)}`);
      encoded = /name="SAMLRequest" value="([^"]+)"/.exec(page)![1]!;
      relayState = /name="RelayState" value="([^"]+)"/.exec(page)![1]!;
      binding = 'post';
      authnRequestXml = Buffer.from(encoded, 'base64').toString('utf8');
    }
    const requestId = /ID="([^"]+)"/.exec(authnRequestXml)![1]!;
    return { requestId, relayState, cookie, authnRequestXml, binding, fields: defaultFields(this.idps[country], requestId, this.clock.now(), sp) };
  }

  /** POSTs a SAMLResponse to the ACS as the browser would (form, binding cookie, RelayState). */
  async post(xml: string, login: Pick<StartedLogin, 'cookie' | 'relayState'> | undefined, extra: { body?: string; contentType?: string } = {}) {
    const body = extra.body ?? new URLSearchParams({
      SAMLResponse: Buffer.from(xml, 'utf8').toString('base64'), ...(login ? { RelayState: login.relayState } : {}),
    }).toString();
    const response = await fetch(`${this.url}/saml/acs`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': extra.contentType ?? 'application/x-www-form-urlencoded', accept: 'text/html', ...(login?.cookie ? { cookie: login.cookie } : {}) },
      body,
    });
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  /** Rows the connector writes: consumed requests and remembered assertions. */
  async counts(): Promise<{ consumed: number; seen: number; requests: number }> {
    const k = this.database.db.knex;
    const one = async (q: Promise<Array<Record<string, unknown>>>) => Number(Object.values((await q)[0] ?? {})[0] ?? 0);
    return {
      consumed: await one(k('saml_requests').whereNotNull('consumed_at').count({ n: '*' })),
      seen: await one(k('saml_seen_assertions').count({ n: '*' })),
      requests: await one(k('saml_requests').count({ n: '*' })),
    };
  }
}
