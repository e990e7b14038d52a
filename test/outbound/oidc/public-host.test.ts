import assert from 'node:assert/strict';
import { request } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { buildContext } from '../../../src/runtime.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { testConfig } from '../../support/config.js';
import { rp, startOidcServer, type OidcTestServer } from './support/harness.js';

/** A raw GET with a Host header of our choosing (fetch does not allow setting Host). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

function authorizationPath(): string {
  const verifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: rp.kita.clientId, response_type: 'code', scope: 'openid', redirect_uri: rp.kita.redirectUri,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', state: 's', nonce: 'n',
  });
  return `/oidc/auth?${query}`;
}

describe('public URL and cookies: what we publish comes from publicUrl, cookies are Secure over HTTPS', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  afterEach(async () => {
    await server?.close();
    await database?.cleanup();
  });

  it('discovery ignores Host and X-Forwarded-Host: every URL is built from publicUrl, and discovery and JWKS are cacheable', async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db, publicUrl: 'https://eid.example.test', trustProxy: 1 });
    const discovery = await get(`${server.url}/oidc/.well-known/openid-configuration`, { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http' });
    assert.equal(discovery.status, 200);
    assert.doesNotMatch(discovery.body, /evil\.example/);
    const metadata = JSON.parse(discovery.body) as Record<string, unknown>;
    assert.equal(metadata.issuer, 'https://eid.example.test/oidc');
    assert.equal(metadata.token_endpoint, 'https://eid.example.test/oidc/token');
    assert.equal(metadata.jwks_uri, 'https://eid.example.test/oidc/jwks');
    for (const [key, value] of Object.entries(metadata)) {
      if (typeof value === 'string' && /^https?:/.test(value)) assert.ok(value.startsWith('https://eid.example.test/'), `${key}: ${value}`);
    }
    assert.equal(discovery.headers['cache-control'], 'public, max-age=300');
    const jwks = await get(`${server.url}/oidc/jwks`, { host: 'evil.example' });
    assert.equal(jwks.status, 200);
    assert.equal(jwks.headers['cache-control'], 'public, max-age=300');
    const redirect = await get(`${server.url}${authorizationPath()}`, { host: 'evil.example' });
    assert.equal(redirect.status, 303);
    assert.match(String(redirect.headers.location), /^(https:\/\/eid\.example\.test)?\/interaction\//);
  });

  it('W-02: over an https publicUrl with the default trustProxy, the session flow cookies are Secure and prefixed (__Secure-, __Host- where the path is /)', async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db, publicUrl: 'https://eid.example.test' });
    const response = await get(`${server.url}${authorizationPath()}`, {});
    assert.equal(response.status, 303);
    const cookies = (response.headers['set-cookie'] ?? []) as string[];
    const interaction = cookies.find((c) => c.startsWith('__Secure-passerelle.interaction='));
    const resume = cookies.find((c) => c.startsWith('__Secure-passerelle.resume='));
    assert.ok(interaction, cookies.join('\n'));
    assert.ok(resume, cookies.join('\n'));
    const page = await get(`${server.url}${String(response.headers.location).replace('https://eid.example.test', '')}?lang=de`, { cookie: cookies.map((c) => c.split(';')[0]).join('; ') });
    assert.equal(page.status, 200);
    const language = ((page.headers['set-cookie'] ?? []) as string[]).find((c) => c.startsWith('__Host-passerelle_lang=de'));
    assert.ok(language, 'a cookie at / gets the __Host- prefix');
    assert.match(language, /; path=\/;/i);
    assert.doesNotMatch(language, /domain=/i);
    for (const cookie of [...cookies, language]) {
      assert.match(cookie, /; secure/i, cookie);
      assert.match(cookie, /; httponly/i, cookie);
      assert.match(cookie, /^__(Secure|Host)-/, cookie);
    }
  });

  it('over plain http (loopback demo) cookies keep their plain names and no Secure flag', async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db });
    const response = await get(`${server.url}${authorizationPath()}`, {});
    const cookies = (response.headers['set-cookie'] ?? []) as string[];
    assert.ok(cookies.some((c) => c.startsWith('passerelle.interaction=')));
    assert.ok(cookies.every((c) => !/; secure/i.test(c)));
  });

  it('warns at start when publicUrl is https and no trusted proxy is configured', async () => {
    database = await createTestDatabase();
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } }));
    await buildContext(testConfig({ publicUrl: 'https://eid.example.test' }), { db: database.db, logger });
    assert.ok(lines.some((line) => line.includes('trustProxy is not set')));
    lines.length = 0;
    await buildContext(testConfig({ publicUrl: 'https://eid.example.test', trustProxy: 1 }), { db: database.db, logger });
    assert.ok(!lines.some((line) => line.includes('trustProxy is not set')));
  });
});
