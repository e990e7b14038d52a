import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { AppContext } from '../../../src/context.js';
import { KnexAdapter } from '../../../src/outbound/oidc/knex-adapter.js';
import type { Database } from '../../../src/storage/database.js';
import { ModelUnit, runInUnit } from '../../../src/storage/model-unit.js';
import { requestUnit } from '../../../src/web/answer-gate.js';
import { createLogger } from '../../../src/web/logger.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

/** Counts the statements a database handle sends while `fn` runs. */
async function counted<T>(db: Database, fn: () => Promise<T>): Promise<{ value: T; statements: number }> {
  let statements = 0;
  const count = () => { statements += 1; };
  db.knex.on('query', count);
  try {
    const value = await fn();
    return { value, statements };
  } finally {
    db.knex.off('query', count);
  }
}

describe('flow state within one request (src/storage/model-unit.ts): reads once, writes together before the answer', () => {
  let database: TestDatabase;
  let other: Database;
  const now = Date.UTC(2026, 11, 5, 12);
  const clock = { now: () => now };
  const model = (name: string, db: Database = database.db) => new KnexAdapter(db, clock, name);

  before(async () => {
    database = await createTestDatabase();
    other = database.reopen();
  });
  after(async () => { await database.cleanup(); });

  it('holds a request\'s writes until the flush, which sends them together; another instance sees them only then', async () => {
    const unit = new ModelUnit(database.db);
    await model('Interaction').upsert('old-i', { jti: 'old-i' }, 60);
    const staged = await counted(database.db, () => runInUnit(unit, async () => {
      await model('Interaction').destroy('old-i');
      await model('Interaction').upsert('new-i', { jti: 'new-i', params: { client_id: 'kita' } }, 60);
      await model('Session').upsert('s-1', { jti: 's-1', uid: 'su-1', accountId: 'acc-1' }, 60);
      return (await model('Interaction').find('new-i'))?.jti;
    }));
    assert.equal(staged.value, 'new-i', 'the request reads its own writes');
    assert.equal(staged.statements, 0, 'nothing is sent while the request runs');
    assert.ok(await model('Interaction', other).find('old-i'), 'not yet deleted for the others');
    const flushed = await counted(database.db, () => unit.flush());
    assert.equal(flushed.value, undefined);
    if (database.db.dialect === 'postgres') assert.equal(flushed.statements, 1, 'one statement on PostgreSQL');
    assert.equal(await model('Interaction', other).find('old-i'), undefined);
    assert.equal((await model('Session', other).findByUid('su-1'))?.accountId, 'acc-1');
    assert.ok(await model('Interaction', other).find('new-i'));
  });

  it('loads a row with the rows it names in one statement, and remembers what is absent', async () => {
    await model('Session').upsert('s-2', { jti: 's-2', uid: 'su-2', accountId: 'acc-2' }, 60);
    await model('PasserelleCitizen').upsert('acc-2', { sealed: 'x' }, 60);
    await model('Grant').upsert('g-2', { accountId: 'acc-2' }, 60);
    await model('Interaction').upsert('i-2', { jti: 'i-2', grantId: 'g-2', params: { client_id: 'kita' }, session: { uid: 'su-2', accountId: 'acc-2' } }, 60);
    const unit = new ModelUnit(database.db);
    const reads = await counted(database.db, () => runInUnit(unit, async () => [
      await model('Interaction').find('i-2'),
      await model('Session').findByUid('su-2'),
      await model('PasserelleCitizen').find('acc-2'),
      await model('Grant').find('g-2'),
      await model('PasserelleFlowReturn').find('i-2'),
      await model('PasserelleConsentMemory').find('acc-2:kita'),
    ]));
    assert.deepEqual(reads.value.map((r) => r !== undefined), [true, true, true, true, false, false]);
    assert.equal(reads.statements, 1, 'six reads, one statement');
  });

  it('consumes a code with the tokens it buys; when another request consumed it first, nothing is written, the grant is revoked and the answer is invalid_grant', async () => {
    for (const [code, grant] of [['c-won', 'g-won'], ['c-lost', 'g-lost']] as const) {
      await model('AuthorizationCode').upsert(code, { jti: code, grantId: grant }, 60);
      await model('Grant').upsert(grant, { jti: grant }, 60);
    }
    const redeem = async (code: string, token: string) => {
      const unit = new ModelUnit(database.db);
      await runInUnit(unit, async () => {
        await model('AuthorizationCode').consume(code);
        await model('AccessToken').upsert(token, { jti: token, grantId: code === 'c-won' ? 'g-won' : 'g-lost' }, 60);
      });
      return unit;
    };
    const won = await redeem('c-won', 'at-won');
    assert.equal(await won.flush(), undefined);
    assert.ok((await model('AuthorizationCode', other).find('c-won'))?.consumed);
    assert.ok(await model('AccessToken', other).find('at-won'));

    const lost = await redeem('c-lost', 'at-lost');
    await model('AuthorizationCode', other).consume('c-lost'); // the other request wins the race
    const refusal = await lost.flush();
    assert.equal(refusal?.status, 400);
    assert.equal((JSON.parse(refusal!.body) as { error: string }).error, 'invalid_grant');
    assert.equal(await model('AccessToken', other).find('at-lost'), undefined, 'the loser\'s token was never stored');
    assert.equal(await model('Grant', other).find('g-lost'), undefined, 'the grant is revoked');
  });

  it('never sends an answer whose writes did not reach the database: a lost database is 503 with Retry-After, not the prepared redirect', async () => {
    const gone = database.reopen();
    await gone.close();
    const app = express();
    app.use(requestUnit({ db: gone, logger: createLogger({ level: 'silent' }) } as unknown as AppContext));
    app.get('/step', async (_req, res) => {
      await model('Interaction', gone).upsert('i-lost', { jti: 'i-lost' }, 60);
      res.redirect(303, '/next-step');
    });
    const server = app.listen(0, '127.0.0.1');
    try {
      await new Promise((resolve) => server.once('listening', resolve));
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/step`, { redirect: 'manual', headers: { accept: 'application/json' } });
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('location'), null, 'the prepared redirect is not sent');
      assert.match(response.headers.get('retry-after') ?? '', /^\d+$/);
      assert.equal(((await response.json()) as { error: string }).error, 'database_unreachable');
    } finally {
      server.close();
    }
  });
});
