import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { withdrawConsent } from '../../src/evidence/consent/withdraw.js';
import { startPurgeJob } from '../../src/evidence/retention/job.js';
import { csrfOf, TestBrowser } from './support/browser.js';
import { familyComposition, startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { bearer, fetchAll, sharedFamilyComposition } from './support/steps.js';
import { testKeysDirectory } from '../support/keys.js';
import { insertSharings } from './support/bulk.js';

const day = 86_400_000;

describe('evidence/retention: purge when consent and validity have ended', () => {
  let h: EvidenceHarness;
  beforeEach(async () => { h = await startEvidenceHarness(); });
  afterEach(async () => { await h?.close(); });

  const item = (citizenKey: string) => h.database.db.knex('evidence_items').where({ citizen_key: citizenKey }).first();
  const events = async (citizenKey: string) => (await h.database.db.knex('evidence_log').where({ citizen_key: citizenKey }).orderBy('seq')).map((r) => r.event);

  it('records expiry, flips the status entry and crypto-shreds evidence nobody may use any more', async () => {
    const shared = await sharedFamilyComposition(h, { days: '7' });
    assert.deepEqual(await h.feature.purgeOnce(), { consentsExpired: 0, mandatesExpired: 0, itemsPurged: 0, previewsDiscarded: 0, flowsRemoved: 0 });
    h.clock.advance(7 * day + 1);
    const report = await h.feature.purgeOnce();
    assert.equal(report.consentsExpired, 1);
    assert.equal(report.itemsPurged, 1);
    const purged = await item(shared.citizenKey);
    assert.deepEqual([purged.state, purged.wrapped_key, purged.document_enc], ['purged', null, null]);
    const consent = await h.database.db.knex('evidence_consents').where({ id: shared.consentId }).first();
    const list = await (await fetch(`${h.url}/status-lists/${consent.status_list_id}`)).text();
    assert.equal(getListFromStatusListJWT(list).getStatus(Number(consent.status_idx)), 1);
    assert.deepEqual((await events(shared.citizenKey)).slice(-2), ['expired', 'purged']);
    assert.deepEqual(await h.feature.purgeOnce(), { consentsExpired: 0, mandatesExpired: 0, itemsPurged: 0, previewsDiscarded: 0, flowsRemoved: 0 }, 'a second run finds nothing');
  });

  it('gives every sharing ended because its document\'s validity ran out a row in the citizen\'s tracker', async () => {
    const shared = await sharedFamilyComposition(h, { days: '90' });
    // The authority shortened the document's validity after it was shared: the item ends before its consent would.
    await h.database.db.knex('evidence_items').where({ citizen_key: shared.citizenKey }).update({ valid_until: h.clock.now() + day });
    h.clock.advance(2 * day);
    const report = await h.feature.purgeOnce();
    assert.deepEqual([report.consentsExpired, report.itemsPurged], [0, 1]);
    const ended = await h.database.db.knex('evidence_consent_events').where({ consent_id: shared.consentId }).select('event');
    assert.deepEqual(ended.map((e) => e.event), ['expired']);
    const rows = await h.database.db.knex('evidence_log').where({ citizen_key: shared.citizenKey }).orderBy('seq');
    const expiry = rows.find((r) => r.event === 'expired');
    assert.ok(expiry, 'the end of the sharing is in the tracker');
    assert.deepEqual([expiry.consent_id, expiry.detail, expiry.actor_type], [shared.consentId, 'validity_ended', 'passerelle']);
    assert.deepEqual(rows.slice(-2).map((r) => r.event), ['expired', 'purged']);
  });

  it('drains a backlog in one run, batch after batch, each ended sharing with its tracker row; the next run finds nothing', async function () {
    this.timeout(120_000); // 1,100 sharings: seconds on a quiet machine, tens of seconds beside a busy one
    const knex = h.database.db.knex;
    const now = h.clock.now();
    const { consentIds } = await insertSharings(knex, { citizenKey: 'backlog-citizen', count: 1_100, givenAt: now - 10 * day, expiresAt: now - day });
    await insertSharings(knex, { citizenKey: 'backlog-citizen', count: 3, givenAt: now - 10 * day, expiresAt: now + day });
    const report = await h.feature.purgeOnce();
    assert.equal(report.consentsExpired, 1_100);
    const events = await knex('evidence_consent_events').whereIn('consent_id', consentIds).count({ n: '*' }).first();
    assert.equal(Number(events?.n), 1_100);
    const tracked = await knex('evidence_log').where({ citizen_key: 'backlog-citizen', event: 'expired' }).pluck('consent_id') as string[];
    assert.deepEqual(new Set(tracked), new Set(consentIds), 'one tracker row for every ended sharing');
    assert.equal(tracked.length, 1_100);
    assert.equal(Number((await knex('evidence_status_entries').whereIn('consent_id', consentIds.slice(0, 300)).where({ status: 1 }).count({ n: '*' }).first())?.n), 300);
    assert.deepEqual(await h.feature.purgeOnce(), { consentsExpired: 0, mandatesExpired: 0, itemsPurged: 0, previewsDiscarded: 0, flowsRemoved: 0 });
    h.clock.advance(2 * day);
    assert.equal((await h.feature.purgeOnce()).consentsExpired, 3, 'consents that expire later are found by the next run');
  });

  it('purges shared-only evidence once its consent is withdrawn', async () => {
    const shared = await sharedFamilyComposition(h);
    await withdrawConsent(h.ctx, shared.citizenKey, shared.consentId);
    assert.equal((await h.feature.purgeOnce()).itemsPurged, 1);
    assert.equal((await item(shared.citizenKey)).state, 'purged');
  });

  it('keeps what the citizen chose to keep until its validity ends', async () => {
    const shared = await sharedFamilyComposition(h, { keep: 'yes' });
    await withdrawConsent(h.ctx, shared.citizenKey, shared.consentId);
    await h.feature.purgeOnce();
    const kept = await item(shared.citizenKey);
    assert.equal(kept.state, 'stored');
    h.clock.set(Number(kept.valid_until) + 1);
    assert.equal((await h.feature.purgeOnce()).itemsPurged, 1);
    assert.equal((await item(shared.citizenKey)).state, 'purged');
    const portal = await fetch(`${h.url}/api/evidence/shares/${shared.consentId}/document`, { headers: bearer(shared.token) });
    assert.equal(portal.status, 401, 'the old token expired too');
  });

  it('discards documents fetched for an abandoned flow and removes the flow with its sealed citizen', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser, 'it-giulia-rossi', [familyComposition]);
    assert.ok(csrfOf(await (await browser.get(flow)).text()));
    h.clock.advance(31 * 60_000);
    const report = await h.feature.purgeOnce();
    assert.deepEqual([report.previewsDiscarded, report.flowsRemoved], [1, 1]);
    assert.equal((await h.database.db.knex('evidence_items')).length, 0);
    assert.equal((await h.database.db.knex('evidence_flows')).length, 0);
    assert.equal((await h.database.db.knex('evidence_flow_items')).length, 0);
    assert.deepEqual((await events(h.citizenKeyOf('it-giulia-rossi'))).slice(-1), ['discarded']);
  });

  it('runs periodically (unref\'d timer) until the instance closes', async () => {
    const shared = await sharedFamilyComposition(h, { days: '1' });
    h.clock.advance(2 * day);
    const ctx = { ...h.ctx, config: { ...h.ctx.config, evidence: { ...h.ctx.config.evidence, purgeIntervalSeconds: 1 } }, onClose: [] as Array<() => void | Promise<void>> };
    startPurgeJob(ctx);
    assert.equal(ctx.onClose.length, 1);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && (await item(shared.citizenKey)).state !== 'purged') {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const hook of ctx.onClose) await hook();
    assert.equal((await item(shared.citizenKey)).state, 'purged');
  });
});

describe('npm run purge (src/cli/purge.ts)', () => {
  it('runs one retention pass over the configured database and reports it', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-purge-cli-'));
    try {
      const config = path.join(dir, 'config.yaml');
      writeFileSync(config, [
        'publicUrl: http://127.0.0.1:3000', 'nodeCountry: DE', `database: { sqliteFile: ${JSON.stringify(path.join(dir, 'p.sqlite'))} }`,
        `keys: { directory: ${JSON.stringify(testKeysDirectory)}, generateDevelopmentKeys: true }`,
        'secrets: { pairwiseSecret: test-pairwise-secret-0123456789abcdef, cookieKeys: [test-cookie-key-0123456789abcdefghijkl] }',
        'countries: [{ code: IT, names: { en: Italy }, languages: [it], idp: { metadataUrl: "http://127.0.0.1:1/it", allowInsecureMetadataUrl: true } }]',
      ].join('\n'));
      const env = { ...process.env, PASSERELLE_CONFIG: config, DATABASE_URL: '' };
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/purge.ts'], { env });
      assert.match(stdout, /^consents expired: 0, mandates expired: 0, evidence purged: 0, previews discarded: 0, flows removed: 0, expired SAML requests: 0, replay entries: 0, OpenID Provider rows: 0$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
