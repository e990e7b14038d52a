import assert from 'node:assert/strict';
import { checkTrackerIntegrity } from '../../src/evidence/tracker/check.js';
import { appendToTracker, readTracker } from '../../src/evidence/tracker/log.js';
import type { Database } from '../../src/storage/database.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testKeystore } from '../support/keys.js';
import type { Keystore } from '../../src/keys/keystore.js';
import { TestBrowser } from './support/browser.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { sharedFamilyComposition } from './support/steps.js';

/** What an attacker with write access to the database (not the application) would do. */
async function asDatabaseAdmin(db: Database, table: string, change: () => Promise<unknown>): Promise<void> {
  if (db.dialect === 'postgres') {
    await db.knex.raw(`alter table ${table} disable trigger user`);
    try { await change(); } finally { await db.knex.raw(`alter table ${table} enable trigger user`); }
    return;
  }
  await db.knex.raw(`drop trigger if exists ${table}_no_update`);
  await db.knex.raw(`drop trigger if exists ${table}_no_delete`);
  await change();
}

const entry = (n: number) => ({ event: 'portal_access' as const, actorType: 'portal' as const, actorId: 'bremerhaven-kita', evidenceType: 'birth', outcome: 'ok' as const, detail: `document-${n}` });

describe('evidence/tracker: an append-only, hash-chained log that detects tampering', () => {
  let t: TestDatabase;
  let keys: { keystore: Keystore };
  beforeEach(async () => { t = await createTestDatabase(); keys = { keystore: await testKeystore() }; });
  afterEach(async () => { await t?.cleanup(); });

  it('chains every row to the previous one, per citizen', async () => {
    for (let n = 1; n <= 3; n += 1) await appendToTracker(t.db.knex, 'citizen-a', 1_000 + n, entry(n));
    await appendToTracker(t.db.knex, 'citizen-b', 2_000, entry(9));
    const rows = await readTracker(t.db.knex, 'citizen-a');
    assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3]);
    assert.equal(rows[0]!.prev_hash, '0'.repeat(64));
    assert.equal(rows[1]!.prev_hash, rows[0]!.hash);
    assert.equal(rows[2]!.prev_hash, rows[1]!.hash);
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a'), { intact: true, rows: 3, checkedFrom: 0 });
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-b'), { intact: true, rows: 1, checkedFrom: 0 });
  });

  it('is append-only in the database itself: UPDATE and DELETE are refused', async () => {
    await appendToTracker(t.db.knex, 'citizen-a', 1_000, entry(1));
    await assert.rejects(t.db.knex('evidence_log').update({ detail: 'nothing' }), /append-only/);
    await assert.rejects(t.db.knex('evidence_log').delete(), /append-only/);
  });

  it('detects an edited row, a deleted row and a cut-off tail', async () => {
    for (let n = 1; n <= 4; n += 1) await appendToTracker(t.db.knex, 'citizen-a', 1_000 + n, entry(n));
    await asDatabaseAdmin(t.db, 'evidence_log', () => t.db.knex('evidence_log').where({ citizen_key: 'citizen-a', seq: 2 }).update({ actor_id: 'someone-else' }));
    assert.deepEqual(await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a'), { intact: false, rows: 4, brokenAt: 2, reason: 'hash_mismatch', checkedFrom: 0 });

    const other = await createTestDatabase();
    try {
      for (let n = 1; n <= 4; n += 1) await appendToTracker(other.db.knex, 'c', 1_000 + n, entry(n));
      await asDatabaseAdmin(other.db, 'evidence_log', () => other.db.knex('evidence_log').where({ citizen_key: 'c', seq: 3 }).delete());
      assert.equal((await checkTrackerIntegrity(keys, other.db.knex, 'c')).reason, 'sequence_gap');
      await asDatabaseAdmin(other.db, 'evidence_log', () => other.db.knex('evidence_log').where({ citizen_key: 'c' }).where('seq', '>', 1).delete());
      assert.equal((await checkTrackerIntegrity(keys, other.db.knex, 'c')).reason, 'head_mismatch');
    } finally {
      await other.cleanup();
    }
  });

  it('keeps one chain when two instances append for the same citizen', async () => {
    const second = t.reopen();
    const append = (n: number) => appendToTracker(n % 2 ? second.knex : t.db.knex, 'citizen-a', 1_000 + n, entry(n));
    if (t.db.dialect === 'postgres') {
      await Promise.all(Array.from({ length: 12 }, (_v, n) => append(n)));
    } else {
      // better-sqlite3 waits for locks synchronously, so two connections in one process cannot
      // overlap transactions; interleave them instead (separate processes do overlap safely).
      for (let n = 0; n < 12; n += 1) await append(n);
    }
    const integrity = await checkTrackerIntegrity(keys, t.db.knex, 'citizen-a');
    assert.deepEqual(integrity, { intact: true, rows: 12, checkedFrom: 0 });
  });
});

describe('evidence/dashboard: the tamper check is on the citizen\'s page', () => {
  let h: EvidenceHarness;
  before(async () => { h = await startEvidenceHarness(); });
  after(async () => { await h?.close(); });

  it('shows the tracker page by page, newest first, and the JSON export the same way', async () => {
    const shared = await sharedFamilyComposition(h);
    for (let n = 1; n <= 117; n += 1) {
      await appendToTracker(h.database.db.knex, shared.citizenKey, h.clock.now(), { event: 'portal_access', actorType: 'portal', actorId: 'bremerhaven-kita', evidenceType: 'family-composition', consentId: shared.consentId, outcome: 'ok', detail: n % 2 ? 'document' : 'metadata' });
    }
    const browser = new TestBrowser(h.url);
    browser.cookies.set('test_session', h.oidc.openSession(shared.citizenKey));
    const newest = await (await browser.get('/me')).text();
    assert.ok(newest.includes('Integrity check passed'));
    const older = /href="\/me\?before=(\d+)#tracker">Older entries</.exec(newest);
    assert.equal(older?.[1], '71', 'the newest page holds the 50 newest of 120 rows');
    assert.ok(!newest.includes('Newest entries'));
    const last = await (await browser.get('/me?before=21')).text();
    assert.ok(last.includes('You requested the document') && last.includes('Newest entries') && !last.includes('Older entries'));
    assert.ok(!newest.includes('You requested the document'));
    const json = await (await browser.get('/me/tracker.json')).json() as { integrity: { intact: boolean; rows: number }; rows: Array<{ seq: number }>; next: string };
    assert.deepEqual([json.integrity.intact, json.integrity.rows, json.rows.length, json.rows[0]!.seq, json.rows.at(-1)!.seq, json.next], [true, 120, 50, 120, 71, '/me/tracker.json?before=71']);
    const end = await (await browser.get('/me/tracker.json?before=21')).json() as { rows: Array<{ seq: number }>; next?: string };
    assert.deepEqual([end.rows.length, end.rows.at(-1)!.seq, end.next], [20, 1, undefined]);
  });

  it('shows a failed integrity check after a log row was edited behind the application\'s back', async () => {
    const shared = await sharedFamilyComposition(h);
    const browser = new TestBrowser(h.url);
    browser.cookies.set('test_session', h.oidc.openSession(shared.citizenKey));
    assert.ok((await (await browser.get('/me')).text()).includes('Integrity check passed'));
    await asDatabaseAdmin(h.database.db, 'evidence_log', () => h.database.db.knex('evidence_log')
      .where({ citizen_key: shared.citizenKey, event: 'shared' }).update({ purpose: 'Something the citizen never agreed to' }));
    const page = await (await browser.get('/me')).text();
    assert.ok(page.includes('Integrity check FAILED at entry 3'));
  });
});
