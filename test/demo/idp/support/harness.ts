import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync, rmSync } from 'node:fs';
import { demoIdpCountries } from '../../../../src/demo/idp/countries.js';
import { loadOrCreateIdpKeys } from '../../../../src/demo/idp/keys.js';
import { createDemoIdpServer, type DemoIdpServer, type DemoIdpServerOptions } from '../../../../src/demo/idp/server.js';
import { autoPostFormOf, get, loginIdOf, postForm, type Page } from './browser.js';
import { authnRequestXml, createTestSp, redirectQuery, signRequestXml, uris, type AuthnRequestOptions, type TestKey, type TestSp } from './test-sp.js';

/** The frozen instant every test runs at. */
export const frozenNow = Date.parse('2026-11-27T10:00:00.000Z');

export interface Harness {
  server: DemoIdpServer;
  sp: TestSp;
  keysDirectory: string;
  /** PEM of the certificate the country's IdP signs with. */
  idpCertificate(cc: string): string;
  ssoUrl(cc: string): string;
  close(): Promise<void>;
}

let sharedKeys: Promise<string> | undefined;
let sharedSp: Promise<TestSp> | undefined;

/** RSA-3072 generation is slow: the IdP keys are made once per test run and copied per harness. */
function idpKeysTemplate(): Promise<string> {
  sharedKeys ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-idp-keys-'));
    await Promise.all(demoIdpCountries.map((c) => loadOrCreateIdpKeys(dir, c)));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  })();
  return sharedKeys;
}

export function sharedTestSp(): Promise<TestSp> {
  sharedSp ??= createTestSp();
  return sharedSp;
}

export async function startHarness(overrides: Partial<DemoIdpServerOptions> = {}, sp?: TestSp): Promise<Harness> {
  const testSp = sp ?? await sharedTestSp();
  const keysDirectory = await mkdtemp(join(tmpdir(), 'demo-idp-test-'));
  await cp(await idpKeysTemplate(), keysDirectory, { recursive: true });
  const server = await createDemoIdpServer({ keysDirectory, port: 0, sp: testSp.description, now: () => frozenNow, ...overrides });
  return {
    server, sp: testSp, keysDirectory,
    idpCertificate: (cc) => readFileSync(join(keysDirectory, cc.toLowerCase(), cc === 'IT' ? 'signing-ec.crt.pem' : 'signing-rsa.crt.pem'), 'utf8'),
    ssoUrl: (cc) => `${server.url}/${cc.toLowerCase()}/sso`,
    close: async () => { await server.close(); await rm(keysDirectory, { recursive: true, force: true }); },
  };
}

export interface LoginStart {
  binding?: 'redirect' | 'post';
  alg?: string;
  key?: TestKey;
  relayState?: string;
  request?: Partial<AuthnRequestOptions>;
}

/** Sends a signed AuthnRequest to a country's SSO endpoint and returns the page it answers with. */
export async function startLogin(h: Harness, cc: string, o: LoginStart = {}): Promise<Page> {
  const xml = authnRequestXml({ destination: h.ssoUrl(cc), issueInstant: new Date(frozenNow), ...o.request });
  const alg = o.alg ?? uris.rsaPss;
  const key = o.key ?? (alg === uris.ecdsa ? h.sp.ecSigning : h.sp.rsaSigning);
  if ((o.binding ?? 'redirect') === 'redirect') return get(`${h.ssoUrl(cc)}?${redirectQuery(xml, alg, key.privateKey, o.relayState)}`);
  const signed = Buffer.from(signRequestXml(xml, alg, key)).toString('base64');
  return postForm(h.ssoUrl(cc), { SAMLRequest: signed, ...(o.relayState !== undefined ? { RelayState: o.relayState } : {}) });
}

export interface Finished {
  page: Page;
  action: string;
  relayState?: string;
  responseXml: string;
}

/** Picks a citizen (or cancels) on the login page and reads the auto-posted SAMLResponse. */
export async function finishLogin(h: Harness, cc: string, login: Page, choice: { citizen?: string; loa?: string; cancel?: boolean }): Promise<Finished> {
  const fields: Record<string, string> = { login: loginIdOf(login) };
  if (choice.citizen) fields.citizen = choice.citizen;
  if (choice.loa) fields.loa = choice.loa;
  if (choice.cancel) fields.cancel = '1';
  const page = await postForm(`${h.server.url}/${cc.toLowerCase()}/login`, fields);
  const form = autoPostFormOf(page);
  return { page, action: form.action, relayState: form.fields.RelayState, responseXml: Buffer.from(form.fields.SAMLResponse!, 'base64').toString('utf8') };
}
