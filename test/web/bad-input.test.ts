import assert from 'node:assert/strict';
import { startPasserelle, type RunningPasserelle } from '../../src/runtime.js';
import { startDemoStack, type DemoStack } from '../browser/support/demo-stack.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';

const uuid = '3f2b9c1e-8a4d-4f6b-9c2e-1a2b3c4d5e6f';

/**
 * Client errors are the client's: on the stack `npm start` runs (SQLite, or PostgreSQL with
 * DATABASE_URL, where a NUL byte in a text value is refused by the server), a missing static
 * file, a malformed %-escape and a NUL byte anywhere a browser or portal can put them answer
 * 4xx with our error shape, never 500.
 */
describe('bad input is a 4xx, never a 500', function () {
  this.timeout(60_000);
  let stack: DemoStack;

  before(async () => {
    stack = await startDemoStack();
  });
  after(async () => {
    await stack?.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(stack.urls.passerelle + path, { redirect: 'manual', headers });
  const post = (path: string, body: string, type = 'application/x-www-form-urlencoded', headers: Record<string, string> = {}) =>
    fetch(stack.urls.passerelle + path, { method: 'POST', redirect: 'manual', body, headers: { 'content-type': type, origin: stack.urls.passerelle, ...headers } });

  it('a missing static file is 404', async () => {
    const res = await get('/static/no-such-file.css');
    assert.equal(res.status, 404);
    assert.match(await res.text(), /not_found/);
  });

  const malformed = ['%E0%A4%A', '%', '%zz', '%C0%AF'];
  const nul = ['%00', 'a%00b'];

  for (const value of [...malformed, ...nul]) {
    it(`"${value}" in paths and query strings is 400 on every kind of route`, async () => {
      const paths = [
        `/static/${value}`, `/interaction/${value}`, `/interaction/${value}/country/IT`, `/evidence/flow/${value}`,
        `/verify?share=${value}`, `/verify?lang=${value}`, `/me?lang=${value}`, `/me/evidence/${value}/document`,
        `/status-lists/${value}`, `/oidc/auth?client_id=${value}&response_type=code`, `/oidc/auth/${value}`,
        `/saml/metadata?x=${value}`, `/?lang=${value}`,
      ];
      for (const path of paths) {
        const res = await get(path);
        assert.equal(res.status, 400, `${path} → ${res.status}`);
      }
      const api = await get(`/api/evidence/shares/${value}`, { authorization: 'Bearer x' });
      assert.equal(api.status, 400);
      assert.equal(((await api.json()) as { error: string }).error, 'bad_request');
    });
  }

  it('NUL bytes in form and JSON bodies never cause a server error', async () => {
    const answers = [
      await post('/verify', `share=${uuid}%00`),
      await post('/verify', 'credential=a%00b'),
      await post('/api/verify', JSON.stringify({ share_id: `${uuid}\u0000` }), 'application/json'),
      await post('/api/verify', JSON.stringify({ credential: 'a\u0000b' }), 'application/json'),
      await post('/saml/acs', 'SAMLResponse=%00&RelayState=%00'),
      await post('/oidc/token', 'grant_type=authorization_code&code=a%00b&redirect_uri=x&client_id=bremerhaven-kita&client_secret=%00'),
      await post(`/evidence/flow/${uuid}/share`, 'csrf=%00&days=%00'),
      await post(`/me/consents/${uuid}%00/withdraw`, 'csrf=x'),
    ];
    for (const res of answers) {
      assert.ok(res.status < 500, `${res.url} → ${res.status}`);
    }
  });
});

/**
 * A database outage is the server's, and temporary: 503 with Retry-After, on pages and
 * APIs alike. The instance under test has its own connection pool, closed to play the
 * outage; the data stay reachable for cleanup through the test's own pool.
 */
describe('a database outage is 503 with Retry-After', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let running: RunningPasserelle;

  before(async () => {
    database = await createTestDatabase();
    const own = database.reopen();
    running = await startPasserelle(testConfig(), { db: own, port: 0 });
    await own.close();
  });
  after(async () => {
    await running?.close().catch(() => undefined);
    await database?.cleanup();
  });

  for (const [path, accept] of [
    [`/verify?share=${uuid}`, 'text/html'],
    ['/interaction/some-interaction-id', 'text/html'],
    [`/evidence/flow/${uuid}`, 'text/html'],
    [`/api/evidence/shares/${uuid}`, 'application/json'],
    ['/readyz', 'application/json'],
  ] as const) {
    it(`${path} answers 503 with Retry-After`, async () => {
      const res = await fetch(running.url + path, { headers: { accept, authorization: `Bearer ${'t'.repeat(43)}` }, redirect: 'manual' });
      assert.equal(res.status, 503);
      if (path !== '/readyz') assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
    });
  }
});
