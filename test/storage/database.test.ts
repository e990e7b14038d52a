import assert from 'node:assert/strict';
import { PasserelleError } from '../../src/core/errors.js';
import { assertReachable, migrateToLatest, openDatabase } from '../../src/storage/database.js';
import { fromJson, toBool, toJson, toMillis } from '../../src/storage/values.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

describe('storage', () => {
  let test: TestDatabase;
  before(async () => { test = await createTestDatabase(); });
  after(async () => { await test.cleanup(); });

  it('runs every migration and records it by name without extension', async () => {
    const rows = await test.db.knex('knex_migrations').select('name');
    assert.ok(rows.length >= 1);
    for (const row of rows) assert.doesNotMatch(String(row.name), /\.(ts|js)$/);
    assert.deepEqual(await migrateToLatest(test.db), [], 'a second run applies nothing');
  });

  it('returns the same shapes for JSON, timestamps and booleans on both databases', async () => {
    const expiresAt = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
    await test.db.knex('oidc_models').insert({ model: 'Probe', id: 'shape-1', payload: toJson({ nested: { ok: true }, list: [1, 2] }), expires_at: expiresAt });
    const row = await test.db.knex('oidc_models').where({ model: 'Probe', id: 'shape-1' }).first();
    assert.deepEqual(fromJson(row.payload), { nested: { ok: true }, list: [1, 2] });
    assert.equal(typeof row.expires_at, 'number');
    assert.equal(toMillis(row.expires_at), expiresAt);
    const flag = await test.db.knex.raw(test.db.dialect === 'postgres' ? 'select true as flag' : 'select 1 as flag');
    const value = test.db.dialect === 'postgres' ? flag.rows[0].flag : flag[0].flag;
    assert.equal(toBool(value), true);
  });

  it('consumes a one-time row exactly once with one update', async () => {
    await test.db.knex('oidc_models').insert({ model: 'Probe', id: 'once-1', payload: '{}', expires_at: Date.now() + 60_000 });
    const consume = () => test.db.knex('oidc_models').where({ model: 'Probe', id: 'once-1' }).whereNull('consumed_at').update({ consumed_at: Date.now() });
    const results = await Promise.all([consume(), consume(), consume()]);
    assert.equal(results.reduce((a, b) => a + b, 0), 1);
  });

  it('sees rows written by another connection pool (a second instance)', async () => {
    const other = test.reopen();
    await other.knex('oidc_models').insert({ model: 'Probe', id: 'shared-1', payload: '{}' });
    const row = await test.db.knex('oidc_models').where({ model: 'Probe', id: 'shared-1' }).first();
    assert.ok(row);
  });

  it('reports an unreachable PostgreSQL as one clear error', async () => {
    const db = openDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', pool: { min: 0, max: 1 } });
    try {
      await assert.rejects(assertReachable(db), (error: unknown) => {
        assert.ok(error instanceof PasserelleError);
        assert.equal(error.code, 'database_unreachable');
        assert.match(error.message, /database \(postgres\) is unreachable: ECONNREFUSED/);
        return true;
      });
    } finally {
      await db.close();
    }
  });
});
