import assert from 'node:assert/strict';
import { errors } from 'oidc-provider';
import { purgeExpiredOidcRows, KnexAdapter } from '../../../src/outbound/oidc/knex-adapter.js';
import type { Database } from '../../../src/storage/database.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

describe('OpenID Provider: knex adapter over oidc_models', () => {
  let database: TestDatabase;
  let second: Database;
  let now = Date.UTC(2026, 10, 27, 12);
  const clock = { now: () => now };
  const adapter = (model: string, db: Database = database.db) => new KnexAdapter(db, clock, model);

  before(async () => {
    database = await createTestDatabase();
    second = database.reopen();
  });
  after(async () => { await database.cleanup(); });

  it('upserts, finds by id, uid and user code, and keeps models apart', async () => {
    const sessions = adapter('Session');
    await sessions.upsert('s1', { jti: 's1', uid: 'u1', accountId: 'a' }, 60);
    await sessions.upsert('s1', { jti: 's1', uid: 'u1', accountId: 'b' }, 60);
    assert.equal((await sessions.find('s1'))?.accountId, 'b');
    assert.equal((await sessions.findByUid('u1'))?.jti, 's1');
    assert.equal(await adapter('AccessToken').find('s1'), undefined);
    const codes = adapter('DeviceCode');
    await codes.upsert('d1', { userCode: 'ABCD-EFGH' }, 60);
    assert.ok(await codes.findByUserCode('ABCD-EFGH'));
  });

  it('honours expiry on read', async () => {
    const tokens = adapter('AccessToken');
    await tokens.upsert('t-exp', { grantId: 'g0' }, 10);
    now += 9_000;
    assert.ok(await tokens.find('t-exp'));
    now += 2_000;
    assert.equal(await tokens.find('t-exp'), undefined);
    assert.ok(await purgeExpiredOidcRows(database.db, clock) >= 1);
  });

  it('consumes with one update: once on any instance, and a second consumption revokes the grant', async () => {
    const here = adapter('AuthorizationCode');
    const there = adapter('AuthorizationCode', second);
    await here.upsert('c1', { grantId: 'g1' }, 60);
    await adapter('AccessToken').upsert('at-of-g1', { grantId: 'g1' }, 60);
    await adapter('Grant').upsert('g1', { accountId: 'a' }, 60);
    await there.consume('c1');
    const seen = await here.find('c1');
    assert.equal(typeof seen?.consumed, 'number', 'the other instance sees it consumed');
    await here.upsert('c1', { grantId: 'g1', touched: true }, 60);
    assert.ok((await there.find('c1'))?.consumed, 're-saving never un-consumes');
    await assert.rejects(here.consume('c1'), (error: unknown) => error instanceof errors.InvalidGrant);
    assert.equal(await adapter('AccessToken').find('at-of-g1'), undefined);
    assert.equal(await adapter('Grant').find('g1'), undefined);
  });

  it('two concurrent consumptions: exactly one wins', async () => {
    await adapter('RefreshToken').upsert('r1', { grantId: 'g2' }, 60);
    const results = await Promise.allSettled([adapter('RefreshToken').consume('r1'), adapter('RefreshToken', second).consume('r1')]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  });

  it('destroys and revokes by grant id within its model', async () => {
    const tokens = adapter('AccessToken');
    await tokens.upsert('t1', { grantId: 'g3' }, 60);
    await tokens.upsert('t2', { grantId: 'g3' }, 60);
    await adapter('RefreshToken').upsert('r3', { grantId: 'g3' }, 60);
    await tokens.revokeByGrantId('g3');
    assert.equal(await tokens.find('t1'), undefined);
    assert.equal(await tokens.find('t2'), undefined);
    assert.ok(await adapter('RefreshToken').find('r3'), 'other models revoke through their own adapter');
    await adapter('RefreshToken').destroy('r3');
    assert.equal(await adapter('RefreshToken').find('r3'), undefined);
  });
});
