import assert from 'node:assert/strict';
import { checkTrackerIntegrity } from '../../src/evidence/tracker/check.js';
import { checkpointEvery } from '../../src/evidence/tracker/checkpoint.js';
import { TrackerGroupCommit } from '../../src/evidence/tracker/group-commit.js';
import { appendToTracker, readTracker, type TrackerEntry } from '../../src/evidence/tracker/log.js';
import { dedupeWindowMs, sealWindows } from '../../src/evidence/tracker/window.js';
import type { Keystore } from '../../src/keys/keystore.js';
import type { Database } from '../../src/storage/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testKeystore } from '../support/keys.js';

/** What an attacker with write access to the database (not the application) would do. */
async function asDatabaseAdmin(db: Database, change: () => Promise<unknown>): Promise<void> {
  if (db.dialect === 'postgres') {
    await db.knex.raw('alter table evidence_log disable trigger user');
    try { await change(); } finally { await db.knex.raw('alter table evidence_log enable trigger user'); }
    return;
  }
  await db.knex.raw('drop trigger if exists evidence_log_no_update');
  await db.knex.raw('drop trigger if exists evidence_log_no_delete');
  await change();
}

const verification = (consentId: string, detail = 'valid'): TrackerEntry => ({
  event: 'verified', actorType: 'official', evidenceType: 'birth', evidenceId: 'item-1', consentId, procedure: 'p', purpose: 'q', outcome: 'ok', detail,
});
const fetched = (n: number): TrackerEntry => ({ event: 'fetched', actorType: 'authority', actorId: 'it-anpr', evidenceType: 'birth', evidenceId: `item-${n}`, outcome: 'ok' });

describe('evidence/tracker at scale: group commit, dedupe windows, signed checkpoints', () => {
  let t: TestDatabase;
  let keys: { keystore: Keystore };
  beforeEach(async () => { t = await createTestDatabase(); keys = { keystore: await testKeystore() }; });
  afterEach(async () => { await t?.cleanup(); });

  it('records every one of many concurrent verifications before answering, several of them in one transaction', async () => {
    const batches: number[] = [];
    const group = new TrackerGroupCommit(t.db.knex, { maxBatch: 16, maxWaitMs: 5, beforeCommit: (size) => { batches.push(size); } });
    await Promise.all(Array.from({ length: 40 }, (_v, n) => group.record(`citizen-${n % 4}`, 1_000 + n, verification(`consent-${n}`))));
    assert.equal(batches.reduce((a, b) => a + b, 0), 40);
    assert.ok(batches.some((size) => size > 1), 'verifications arriving together share a transaction');
    for (let c = 0; c < 4; c += 1) {
      const rows = await readTracker(t.db.knex, `citizen-${c}`);
      assert.equal(rows.length, 10);
      assert.equal((await checkTrackerIntegrity(keys, t.db.knex, `citizen-${c}`)).intact, true);
    }
  });

  it('counts identical accesses arriving in one batch with the window they fall in', async () => {
    const group = new TrackerGroupCommit(t.db.knex, { maxBatch: 64, maxWaitMs: 20 });
    await Promise.all(Array.from({ length: 20 }, (_v, n) => group.record('citizen-a', 1_000 + n, verification('consent-1'))));
    await Promise.all(Array.from({ length: 5 }, (_v, n) => group.record('citizen-a', 2_000 + n, verification('consent-1', 'withdrawn'))));
    await sealWindows(t.db.knex, 0, 'citizen-a');
    const rows = await readTracker(t.db.knex, 'citizen-a');
    assert.deepEqual(rows.map((r) => [r.detail, r.count ?? null, r.first_at ?? null, r.at]), [
      ['valid', null, null, 1_000], ['withdrawn', null, null, 2_000], ['valid', 19, 1_001, 1_019], ['withdrawn', 4, 2_001, 2_004],
    ], 'each window opened by its first access, its repeats sealed into the chain as one counted row');
    assert.equal((await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a')).intact, true);
  });

  it('fails every caller of a batch whose commit fails, and records none of it', async () => {
    const group = new TrackerGroupCommit(t.db.knex, { maxBatch: 8, maxWaitMs: 20, beforeCommit: () => { throw new Error('disk full'); } });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_v, n) => group.record('citizen-a', 1_000, verification(`consent-${n % 3}`))));
    assert.deepEqual(outcomes.map((o) => o.status), Array(8).fill('rejected'));
    assert.ok(outcomes.every((o) => o.status === 'rejected' && /disk full/.test(String(o.reason))));
    assert.equal((await t.db.knex('evidence_log')).length, 0);
    assert.equal((await t.db.knex('evidence_log_windows')).length, 0);
    assert.equal((await t.db.knex('evidence_log_heads')).length, 0);
  });

  it('turns identical accesses inside a window into one row with a count that the chain covers', async () => {
    const group = new TrackerGroupCommit(t.db.knex);
    for (let n = 0; n < 10; n += 1) await group.record('citizen-a', 1_000 + n, verification('consent-1'));
    await group.record('citizen-a', 1_500, verification('consent-1', 'withdrawn'));
    assert.equal((await readTracker(t.db.knex, 'citizen-a')).length, 2, 'one opening row per kind of access, the repeats counted');
    // The window closes; the next identical access seals it (its summary row) and opens a new one.
    await group.record('citizen-a', 1_000 + dedupeWindowMs + 1, verification('consent-1'));
    let rows = await readTracker(t.db.knex, 'citizen-a');
    assert.deepEqual(rows.map((r) => [r.detail, r.count ?? null, r.first_at ?? null, r.at]), [
      ['valid', null, null, 1_000], ['withdrawn', null, null, 1_500], ['valid', 9, 1_001, 1_009], ['valid', null, null, 1_000 + dedupeWindowMs + 1],
    ]);
    await sealWindows(t.db.knex, 0, 'citizen-a');
    rows = await readTracker(t.db.knex, 'citizen-a');
    assert.equal(rows.length, 4, 'windows without repeats leave no summary');
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a'), { intact: true, rows: 4, checkedFrom: 0 });
    await asDatabaseAdmin(t.db, () => t.db.knex('evidence_log').where({ citizen_key: 'citizen-a', seq: 3 }).update({ count: 1 }));
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a'), { intact: false, rows: 4, brokenAt: 3, reason: 'hash_mismatch', checkedFrom: 0 });
  });

  it('checks from the latest signed checkpoint, and still detects tampering after it and, on the page that shows it, before it', async () => {
    for (let n = 1; n <= checkpointEvery + 20; n += 1) await appendToTracker(t.db.knex, 'citizen-a', n, fetched(n));
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a'), { intact: true, rows: checkpointEvery + 20, checkedFrom: 0 });
    const checkpoints = await t.db.knex('evidence_log_checkpoints').where({ citizen_key: 'citizen-a' }).orderBy('seq').pluck('seq');
    assert.deepEqual(checkpoints.map(Number), [checkpointEvery, checkpointEvery + 20], 'an intact stretch of checkpointEvery rows gets signed checkpoints: every checkpointEvery-th row and the head');
    for (let n = 1; n <= 5; n += 1) await appendToTracker(t.db.knex, 'citizen-a', 10_000 + n, fetched(n));
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a'), { intact: true, rows: checkpointEvery + 25, checkedFrom: checkpointEvery + 20 });

    await asDatabaseAdmin(t.db, () => t.db.knex('evidence_log').where({ citizen_key: 'citizen-a', seq: 100 }).update({ actor_id: 'someone-else' }));
    const page = { from: 81, to: 130 };
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a', page), { intact: false, rows: checkpointEvery + 25, brokenAt: 100, reason: 'hash_mismatch', checkedFrom: 0 });

    await asDatabaseAdmin(t.db, () => t.db.knex('evidence_log').where({ citizen_key: 'citizen-a', seq: checkpointEvery + 22 }).update({ detail: 'edited' }));
    const newest = await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a', { from: checkpointEvery - 24, to: checkpointEvery + 25 });
    assert.deepEqual([newest.intact, newest.brokenAt, newest.checkedFrom], [false, checkpointEvery + 22, checkpointEvery + 20]);
  });

  it('ignores a forged checkpoint and checks from further back', async () => {
    for (let n = 1; n <= checkpointEvery; n += 1) await appendToTracker(t.db.knex, 'citizen-a', n, fetched(n));
    await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a');
    await asDatabaseAdmin(t.db, () => t.db.knex('evidence_log').where({ citizen_key: 'citizen-a', seq: 7 }).update({ detail: 'edited' }));
    // Whoever edited row 7 re-signs nothing: a checkpoint they write without the key does not count.
    await t.db.knex('evidence_log_checkpoints').where({ citizen_key: 'citizen-a' }).update({ hash: 'f'.repeat(64) });
    const integrity = await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a');
    assert.deepEqual([integrity.intact, integrity.brokenAt, integrity.checkedFrom], [false, 7, 0]);
  });
});
