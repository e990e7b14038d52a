import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { fixedClock } from '../../src/core/clock.js';
import type { AppContext } from '../../src/context.js';
import { allocateStatusEntry, invalidateStatus, listSize, readStatusList } from '../../src/evidence/status/lists.js';
import { signStatusList } from '../../src/evidence/status/token.js';
import { testConfig } from '../support/config.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testKeystore } from '../support/keys.js';
import { Metrics } from '../../src/observability/metrics.js';
import { Readiness } from '../../src/observability/readiness.js';

describe('evidence/status: Passerelle\'s Token Status List', () => {
  let t: TestDatabase;
  let ctx: AppContext;
  beforeEach(async () => {
    t = await createTestDatabase();
    ctx = { config: testConfig().config, baseDir: '.', db: t.db, keystore: await testKeystore(), logger: undefined as never, clock: fixedClock('2026-11-27T10:00:00Z'), metrics: new Metrics(), readiness: new Readiness(), onClose: [] };
  });
  afterEach(async () => { await t?.cleanup(); });

  it('gives every consent its own random index, and flips only that entry on invalidation', async () => {
    const refs = await t.db.knex.transaction(async (trx) => {
      const out = [];
      for (let n = 0; n < 50; n += 1) out.push(await allocateStatusEntry(trx, randomUUID(), 0));
      return out;
    });
    const entries = await t.db.knex('evidence_status_entries').select();
    assert.equal(new Set(entries.map((e) => `${e.list_id}:${e.idx}`)).size, 50);
    assert.ok(refs.every((ref) => ref.idx >= 0 && ref.idx < listSize));
    const target = entries[17]!;
    assert.equal(await invalidateStatus(t.db.knex, target.consent_id, 'consent_withdrawn', 1), true);
    assert.equal(await invalidateStatus(t.db.knex, target.consent_id, 'consent_withdrawn', 2), false, 'a flip happens once');
    const list = await readStatusList(t.db.knex, target.list_id);
    assert.deepEqual(list?.invalid, [Number(target.idx)]);
  });

  it('hands out each index once when two instances allocate at the same time, and counts what each list gave', async () => {
    const second = t.reopen();
    const allocate = (n: number) => (n % 2 ? second.knex : t.db.knex).transaction((trx) => allocateStatusEntry(trx, randomUUID(), n));
    if (t.db.dialect === 'postgres') {
      await Promise.all(Array.from({ length: 40 }, (_v, n) => allocate(n)));
    } else {
      // better-sqlite3 waits for locks synchronously: two connections in one process interleave instead.
      for (let n = 0; n < 40; n += 1) await allocate(n);
    }
    const entries = await t.db.knex('evidence_status_entries').select('list_id', 'idx');
    assert.equal(entries.length, 40);
    assert.equal(new Set(entries.map((e) => `${e.list_id}:${e.idx}`)).size, 40, 'no index is given twice');
    const lists = await t.db.knex('evidence_status_lists').select('id', 'allocated');
    for (const list of lists) {
      assert.equal(Number(list.allocated), entries.filter((e) => e.list_id === list.id).length, 'the counter matches the entries');
    }
  });

  it('opens a new list once the current one is half full, without counting its entries', async () => {
    const first = await t.db.knex.transaction((trx) => allocateStatusEntry(trx, randomUUID(), 0));
    await t.db.knex('evidence_status_lists').where({ id: first.listId }).update({ allocated: listSize / 2 });
    const next = await t.db.knex.transaction((trx) => allocateStatusEntry(trx, randomUUID(), 1));
    assert.notEqual(next.listId, first.listId);
    const rolledBack = randomUUID();
    await assert.rejects(t.db.knex.transaction(async (trx) => {
      await allocateStatusEntry(trx, rolledBack, 2);
      throw new Error('share failed later');
    }), /share failed later/);
    assert.equal(await t.db.knex('evidence_status_entries').where({ consent_id: rolledBack }).first(), undefined);
    assert.equal(Number((await t.db.knex('evidence_status_lists').where({ id: next.listId }).first()).allocated), 1, 'a rolled-back share gives its slot back');
  });

  it('signs the list as a statuslist+jwt with the evidence-signing key; the standard library reads the flipped bit', async () => {
    const consent = randomUUID();
    const ref = await t.db.knex.transaction((trx) => allocateStatusEntry(trx, consent, 0));
    await invalidateStatus(t.db.knex, consent, 'consent_withdrawn', 1);
    const token = await signStatusList(ctx, (await readStatusList(t.db.knex, ref.listId))!);
    const header = decodeProtectedHeader(token);
    assert.deepEqual([header.typ, header.alg, header.kid], ['statuslist+jwt', 'ES256', ctx.keystore.active('evidence-signing', 'EC').kid]);
    await compactVerify(token, ctx.keystore.active('evidence-signing', 'EC').publicKey!);
    const list = getListFromStatusListJWT(token);
    assert.equal(list.getStatus(ref.idx), 1);
    assert.equal(list.getStatus((ref.idx + 1) % listSize), 0);
    assert.equal(list.statusList.length, listSize);
  });
});
