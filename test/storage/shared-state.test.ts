import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { startPasserelle, type RunningPasserelle } from '../../src/runtime.js';
import { ifLockFree, withLock } from '../../src/storage/advisory-lock.js';
import type { Database } from '../../src/storage/database.js';
import { runSharedJobOnce } from '../../src/storage/scheduled-job.js';
import { testConfig } from '../support/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const postgres = process.env.DATABASE_URL;
const label = postgres ? 'PostgreSQL' : 'SQLite file';

/** An empty database nobody has migrated: a new schema on PostgreSQL, a new file on SQLite. */
async function emptyDatabase(): Promise<{ database: { url?: string; sqliteFile?: string }; schema?: string; drop(): Promise<void> }> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  if (postgres) {
    const admin = knex({ client: 'pg', connection: postgres, pool: { min: 0, max: 1 } });
    await admin.raw(`create schema ${name}`);
    return {
      database: { url: postgres }, schema: name,
      drop: async () => { await admin.raw(`drop schema if exists ${name} cascade`); await admin.destroy(); },
    };
  }
  const file = path.join(os.tmpdir(), `passerelle-empty-${name}.sqlite`);
  return { database: { sqliteFile: file }, drop: async () => { for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true }); } };
}

describe(`Instances that must agree (${label})`, () => {
  it('four instances started at once on an empty database all come up, and each migration runs once', async function () {
    this.timeout(120_000);
    const empty = await emptyDatabase();
    const instances: RunningPasserelle[] = [];
    try {
      const started = await Promise.allSettled(Array.from({ length: 4 }, () => startPasserelle(
        testConfig({ database: empty.database }),
        { port: 0, host: '127.0.0.1', ...(empty.schema ? { schema: empty.schema } : {}) },
      )));
      for (const outcome of started) if (outcome.status === 'fulfilled') instances.push(outcome.value);
      assert.deepEqual(started.map((s) => s.status === 'rejected' ? String(s.reason) : 'up'), ['up', 'up', 'up', 'up']);
      for (const instance of instances) assert.equal((await fetch(`${instance.url}/readyz`)).status, 200);
      const names = (await instances[0]!.ctx.db.knex('knex_migrations').select('name')).map((r: { name: string }) => r.name);
      assert.equal(new Set(names).size, names.length, 'no migration recorded twice');
    } finally {
      for (const instance of instances) await instance.close();
      await empty.drop();
    }
  });

  describe('locks and periodic jobs', () => {
    let test: TestDatabase;
    let others: Database[];
    before(async () => {
      test = await createTestDatabase();
      others = [test.reopen(), test.reopen(), test.reopen()];
    });
    after(async () => { await test.cleanup(); });

    it('a job asked for by four instances at once runs on one of them, then not again within its interval', async () => {
      let runs = 0;
      const job = { name: 'probe', intervalMs: 60_000, run: async () => { runs += 1; await new Promise((resolve) => setTimeout(resolve, 50)); } };
      const now = Date.parse('2026-12-04T12:00:00Z');
      const ran = await Promise.all([test.db, ...others].map((db) => runSharedJobOnce(db, now, job)));
      assert.equal(ran.filter(Boolean).length, 1);
      assert.equal(runs, 1);
      assert.equal(await runSharedJobOnce(others[0]!, now + 30_000, job), false, 'within the interval');
      assert.equal(await runSharedJobOnce(others[1]!, now + 60_000, job), true, 'one interval later');
      assert.equal(runs, 2);
    });

    it('a lock is held until its work ends: a waiter runs after it, a try while it is held skips', async () => {
      const order: string[] = [];
      let release!: () => void;
      const holding = withLock(test.db, 'probe-lock', async () => {
        order.push('first');
        await new Promise<void>((resolve) => { release = resolve; });
        order.push('first done');
      });
      while (!release) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.deepEqual(await ifLockFree(others[0]!, 'probe-lock', async () => order.push('try')), { ran: false });
      const waiting = withLock(others[1]!, 'probe-lock', async () => { order.push('second'); });
      release();
      await Promise.all([holding, waiting]);
      assert.deepEqual(order, ['first', 'first done', 'second']);
      assert.deepEqual(await ifLockFree(others[2]!, 'probe-lock', async () => 'free'), { ran: true, value: 'free' });
    });
  });
});

