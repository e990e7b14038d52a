import assert from 'node:assert/strict';
import { csrfOf, TestBrowser } from './support/browser.js';
import { familyComposition, residence, startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { fetchAll, share } from './support/steps.js';

/** A failure halfway through a fetch, a share or a decline leaves no partial rows behind. */
describe('evidence: every multi-row change is all or nothing', () => {
  let h: EvidenceHarness;
  beforeEach(async () => { h = await startEvidenceHarness(); });
  afterEach(async () => { await h?.close(); });

  const snapshot = async () => {
    const knex = h.database.db.knex;
    const tables = ['evidence_items', 'evidence_consents', 'evidence_consent_events', 'evidence_status_entries', 'evidence_log', 'evidence_log_heads'];
    const result: Record<string, unknown> = {};
    for (const table of tables) result[table] = await knex(table).select();
    result.flows = await knex('evidence_flows').select('id', 'state');
    result.flowItems = await knex('evidence_flow_items').select().orderBy(['flow_id', 'idx']);
    return result;
  };

  for (const stage of ['fetch:item-stored', 'fetch:requested-logged']) {
    it(`a fetch failing at ${stage} stores no document, no link, no log row; a retry then works`, async () => {
      const browser = new TestBrowser(h.url);
      const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
      const csrf = csrfOf(await (await browser.get(flow)).text());
      const before = await snapshot();
      h.failAt(stage);
      const failed = await browser.post(`${flow}/items/0/request`, { csrf });
      assert.equal(failed.status, 500);
      await failed.arrayBuffer();
      assert.deepEqual(await snapshot(), before);
      h.failAt(undefined);
      assert.equal((await browser.post(`${flow}/items/0/request`, { csrf })).status, 303);
      assert.equal((await h.database.db.knex('evidence_items')).length, 1);
    });
  }

  for (const stage of ['share:status-allocated', 'share:consent-recorded']) {
    it(`a share of two documents failing at the second ${stage} leaves the flow open and nothing shared`, async () => {
      const browser = new TestBrowser(h.url);
      const flow = await fetchAll(h, browser, 'it-giulia-rossi', [familyComposition, residence]);
      const csrf = csrfOf(await (await browser.get(flow)).text());
      const before = await snapshot();
      // The first document's consent, status entry and log rows are written before the failure.
      h.failAt(stage, 2);
      const failed = await browser.post(`${flow}/share`, { csrf, days: '90' });
      assert.equal(failed.status, 500);
      await failed.arrayBuffer();
      assert.deepEqual(await snapshot(), before, 'no consent, status entry, log row or state change survived');
      assert.equal(h.oidc.completed.length, 0);
      h.failAt(undefined);
      assert.equal((await share(h, browser, flow)).length, 2);
    });
  }

  it('a decline failing halfway keeps the fetched documents and the open flow as they were', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser, 'it-giulia-rossi', [familyComposition, residence]);
    const csrf = csrfOf(await (await browser.get(flow)).text());
    const before = await snapshot();
    h.failAt('decline:item-settled', 2);
    const failed = await browser.post(`${flow}/decline`, { csrf });
    assert.equal(failed.status, 500);
    await failed.arrayBuffer();
    assert.deepEqual(await snapshot(), before);
  });
});
