import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { startPasserelle, type RunningPasserelle } from '../../src/runtime.js';
import { homeFeature } from '../../src/web/home.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';

describe('web shell', () => {
  let test: TestDatabase;
  let running: RunningPasserelle;
  const logLines: string[] = [];

  before(async () => {
    test = await createTestDatabase();
    const destination = new Writable({ write(chunk, _enc, done) { logLines.push(String(chunk)); done(); } });
    running = await startPasserelle(testConfig(), { db: test.db, port: 0, logger: pino({ level: 'info' }, destination) });
  });
  after(async () => {
    await running.close();
    await test.cleanup();
  });

  it('answers /healthz and /readyz when the database is reachable', async () => {
    const health = await fetch(running.url + '/healthz');
    assert.equal(health.status, 200);
    const ready = await fetch(running.url + '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(((await ready.json()) as { database: string }).database, test.db.dialect);
  });

  it('sends a strict content security policy and no framing on every page', async () => {
    const res = await fetch(running.url + '/no-such-page');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /form-action 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-powered-by'), null);
  });

  it('answers unknown paths with a readable 404 page carrying a correlation id', async () => {
    const res = await fetch(running.url + '/no-such-page', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 404);
    const body = await res.text();
    const id = res.headers.get('x-request-id');
    assert.ok(id);
    assert.ok(body.includes(id), 'the page shows the correlation id');
    assert.match(body, /<html lang="en">/);
  });

  it('answers JSON clients with a stable error code', async () => {
    const res = await fetch(running.url + '/api/nothing', { headers: { accept: 'application/json' } });
    assert.equal(res.status, 404);
    assert.deepEqual(Object.keys((await res.json()) as object).sort(), ['correlation_id', 'error', 'error_description']);
  });

  it('refuses an oversized body with 413 before reading it', async () => {
    const res = await fetch(running.url + '/anything', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'x='.padEnd(5 * 1024 * 1024, 'a'),
    });
    assert.equal(res.status, 413);
  });

  it('logs requests with an id and without query strings', async () => {
    await fetch(running.url + '/no-such-page?code=SECRETCODE&state=abc');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const joined = logLines.join('');
    assert.match(joined, /"path":"\/no-such-page"/);
    assert.doesNotMatch(joined, /SECRETCODE/);
  });

  it('reports not ready with 503 when the database is gone', async () => {
    const local = await createTestDatabase();
    const other = await startPasserelle(testConfig(), { db: local.db, port: 0 });
    try {
      await local.db.close();
      const res = await fetch(other.url + '/readyz');
      assert.equal(res.status, 503);
      assert.equal((await fetch(other.url + '/healthz')).status, 200, 'the process itself is alive');
    } finally {
      await other.close();
      await local.cleanup().catch(() => undefined);
    }
  });
});

describe('front page', () => {
  it('shows where citizens, officials, portals and identity providers go, in the browser language', async () => {
    const local = await createTestDatabase();
    const running = await startPasserelle(testConfig(), { db: local.db, port: 0, features: [homeFeature] });
    try {
      const res = await fetch(running.url + '/', { headers: { 'accept-language': 'it-IT,it;q=0.9,en;q=0.5' } });
      assert.equal(res.status, 200);
      const body = await res.text();
      assert.match(body, /<html lang="it">/);
      for (const link of ['/me', '/verify', '/oidc/.well-known/openid-configuration', '/saml/metadata']) assert.ok(body.includes(`href="${link}"`), link);
    } finally {
      await running.close();
      await local.cleanup();
    }
  });
});
