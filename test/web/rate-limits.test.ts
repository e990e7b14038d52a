import assert from 'node:assert/strict';
import { fixedClock } from '../../src/core/clock.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { startPasserelle, type RunningPasserelle } from '../../src/runtime.js';
import type { Feature } from '../../src/web/app.js';
import { BatchedRateCounter } from '../../src/web/rate-limits/batched-counter.js';
import { RateCounter } from '../../src/web/rate-limits/counter.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';

/** A public page and an endpoint that answers 401 like a wrong bearer token. */
const probeFeature: Feature = (app) => {
  app.get('/interaction/probe', (_req, res) => { res.send('ok'); });
  app.get('/api/evidence/probe', (req, res) => {
    res.status(req.headers.authorization === 'Bearer right' ? 200 : 401).json({});
  });
};

describe('web/rate-limits (W-09): every public endpoint is limited per client, across instances', () => {
  let test: TestDatabase;
  const running: RunningPasserelle[] = [];
  const clock = fixedClock('2026-12-04T10:00:10Z');

  async function start(overrides: Partial<ConfigInput> = {}, db = test.db): Promise<RunningPasserelle> {
    const instance = await startPasserelle(testConfig({
      rateLimits: { browser: { limit: 5, windowSeconds: 60 }, authFailures: { limit: 3, windowSeconds: 600 } },
      ...overrides,
    }), { db, port: 0, host: '127.0.0.1', clock, features: [probeFeature] });
    running.push(instance);
    return instance;
  }

  beforeEach(async () => {
    test = await createTestDatabase();
    clock.set('2026-12-04T10:00:10Z');
  });
  afterEach(async () => {
    for (const instance of running.splice(0)) await instance.close();
    await test.cleanup();
  });

  it('two instances on one database share one limit, and the refusal is 429 with Retry-After until the window ends', async () => {
    const a = await start();
    const b = await start({}, test.reopen());
    const statuses: number[] = [];
    for (let n = 0; n < 6; n += 1) {
      const response = await fetch(`${(n % 2 === 0 ? a : b).url}/interaction/probe`);
      statuses.push(response.status);
      if (response.status === 429) {
        assert.equal(response.headers.get('retry-after'), '50', 'seconds left in the window');
        assert.match(await response.text(), /Too many requests/);
      } else await response.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    clock.advance(50_000);
    assert.equal((await fetch(`${b.url}/interaction/probe`)).status, 200, 'a new window starts afresh');
  });

  it('takes the client from the trusted proxy chain: a rotating X-Forwarded-For does not reset the count', async () => {
    const a = await start({ trustProxy: 1 });
    const statuses: number[] = [];
    for (let n = 0; n < 7; n += 1) {
      // The attacker's own header comes first; the proxy in front appends the address it saw.
      const response = await fetch(`${a.url}/interaction/probe`, { headers: { 'x-forwarded-for': `198.51.100.${n}, 203.0.113.7` } });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
    const other = await fetch(`${a.url}/interaction/probe`, { headers: { 'x-forwarded-for': '203.0.113.8' } });
    assert.equal(other.status, 200, 'another client behind the same proxy has its own count');
  });

  it('ignores X-Forwarded-For entirely without a trusted proxy', async () => {
    const a = await start();
    let last = 0;
    for (let n = 0; n < 6; n += 1) last = (await fetch(`${a.url}/interaction/probe`, { headers: { 'x-forwarded-for': `198.51.100.${n}` } })).status;
    assert.equal(last, 429);
  });

  it('refuses trustProxy: true, which would believe any client\'s X-Forwarded-For', () => {
    assert.throws(() => testConfig({ trustProxy: true }), /trustProxy: true would trust any client's X-Forwarded-For/);
  });

  it('refuses a client whose credentials failed too often, even with the right ones, until the window ends', async () => {
    const a = await start({ rateLimits: { backChannel: { limit: 1000, windowSeconds: 60 }, authFailures: { limit: 3, windowSeconds: 600 } } });
    const statuses: number[] = [];
    for (let n = 0; n < 5; n += 1) {
      const response = await fetch(`${a.url}/api/evidence/probe`, { headers: { authorization: `Bearer guess-${n}` } });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    assert.deepEqual(statuses.slice(0, 3), [401, 401, 401]);
    assert.deepEqual(statuses.slice(3), [429, 429]);
    const right = await fetch(`${a.url}/api/evidence/probe`, { headers: { authorization: 'Bearer right' } });
    assert.equal(right.status, 429);
    assert.equal(right.headers.get('retry-after'), '590');
    assert.equal(((await right.json()) as { error: string }).error, 'rate_limited');
    clock.advance(600_000);
    assert.equal((await fetch(`${a.url}/api/evidence/probe`, { headers: { authorization: 'Bearer right' } })).status, 200);
  });

  it('leaves the probes and static assets unlimited, and can be switched off', async () => {
    const a = await start();
    for (let n = 0; n < 8; n += 1) {
      assert.equal((await fetch(`${a.url}/healthz`)).status, 200);
      assert.equal((await fetch(`${a.url}/readyz`)).status, 200);
    }
    const off = await start({ rateLimits: { enabled: false, browser: { limit: 1, windowSeconds: 60 } } });
    for (let n = 0; n < 3; n += 1) assert.equal((await fetch(`${off.url}/interaction/probe`)).status, 200);
  });

  it('stores no client address', async () => {
    const a = await start({ trustProxy: 1 });
    await (await fetch(`${a.url}/interaction/probe`, { headers: { 'x-forwarded-for': '203.0.113.7' } })).arrayBuffer();
    await a.close(); // far below its limit a count is written with the next batch, at the latest when the instance closes
    const rows = await test.db.knex('rate_limit_hits').select('key');
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((row: { key: string }) => !row.key.includes('203.0.113.7')));
  });

  it('far below the limit counts in memory and writes many requests in one statement; near it every request is counted before its answer', async () => {
    const stored = new RateCounter(test.db, clock, 'secret');
    let statements = 0;
    const count = () => { statements += 1; };
    test.db.knex.on('query', count);
    try {
      const batched = new BatchedRateCounter(stored, clock, 60_000);
      const other = new BatchedRateCounter(new RateCounter(test.reopen(), clock, 'secret'), clock, 60_000);
      const window = { limit: 40, windowSeconds: 60 };
      for (let n = 0; n < 10; n += 1) assert.equal((await batched.hit('browser', '192.0.2.1', window)).hits, n + 1);
      assert.equal(statements, 0, 'a quarter of the limit is counted without a statement');
      await batched.flush();
      assert.equal(statements, 1, 'one statement for the batch');
      assert.equal((await stored.peek('browser', '192.0.2.1', window)).hits, 10);
      await other.hit('browser', '192.0.2.1', window);
      await other.flush();
      const near = await batched.hit('browser', '192.0.2.1', window);
      assert.equal(near.hits, 12, 'from a quarter on, the hit is counted in the database and sees the other instance');
      for (let n = 0; n < 28; n += 1) await (n % 2 ? batched : other).hit('browser', '192.0.2.1', window);
      assert.equal((await batched.hit('browser', '192.0.2.1', window)).hits, 41, 'the limit is exact across instances');
      await batched.close();
      await other.close();
    } finally {
      test.db.knex.off('query', count);
    }
  });

  it('counts atomically under concurrent hits and purges only ended windows', async () => {
    const counter = new RateCounter(test.db, clock, 'secret');
    const other = new RateCounter(test.reopen(), clock, 'secret');
    const window = { limit: 100, windowSeconds: 60 };
    const counts = await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? counter : other).hit('browser', '192.0.2.1', window)));
    assert.deepEqual(counts.map((c) => c.hits).sort((x, y) => x - y), Array.from({ length: 20 }, (_, n) => n + 1));
    await counter.hit('verify', '192.0.2.1', { limit: 1, windowSeconds: 3600 });
    clock.advance(60_000);
    assert.equal(await counter.purge(), 1, 'the ended minute window goes, the running hour stays');
    assert.equal((await counter.peek('verify', '192.0.2.1', { limit: 1, windowSeconds: 3600 })).hits, 1);
  });
});
