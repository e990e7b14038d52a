import assert from 'node:assert/strict';
import { defaultDemoRecords, type DemoRecordBook } from '../../../src/demo/authority/records.js';
import { csrfOf, TestBrowser } from '../support/browser.js';
import { actForChild, startEvidenceHarness, type EvidenceHarness } from '../support/harness.js';
import { textOf } from '../support/page-text.js';
import { fetchAll } from '../support/steps.js';

/** Giulia's family-composition certificate, with its household members changed. */
function withMembers(change: (members: Array<Record<string, string>>) => Array<Record<string, string>>): DemoRecordBook {
  const book = defaultDemoRecords('DE');
  const it = book.it!.map((record) => {
    if (record.givenName !== 'Giulia') return record;
    const family = record.documents['family-composition']!;
    return { ...record, documents: { ...record.documents, 'family-composition': { ...family, members: change(family.members as Array<Record<string, string>>) } } };
  });
  return { ...book, it };
}

const giulia = { family_name: 'Rossi', given_name: 'Giulia', birth_date: '1988-04-12' };

describe('evidence/mandate: never a mandate the document does not support', () => {
  let h: EvidenceHarness | undefined;
  afterEach(async () => { await h?.close(); h = undefined; });

  const count = async (table: string) => (await h!.database.db.knex(table).select()).length;

  /** Tries to agree in a representation request; returns the answer to the decision and the preview before it. */
  async function attempt(citizen: string, form: Record<string, string> = { child_0: '0' }): Promise<{ preview: string; answer: Response; flow: string }> {
    const browser = new TestBrowser(h!.url);
    const flow = await fetchAll(h!, browser, citizen, [actForChild]);
    const preview = await (await browser.get(`${flow}/items/0/preview`)).text();
    const overview = await (await browser.get(flow)).text();
    const answer = await browser.post(`${flow}/share`, { csrf: csrfOf(overview), days: '1', ...form });
    return { preview, answer, flow };
  }

  async function assertNothingWritten(flow: string): Promise<void> {
    assert.equal(await count('evidence_mandates'), 0);
    assert.equal(await count('evidence_status_entries'), 0);
    assert.equal(await count('evidence_consents'), 0);
    const events = (await h!.database.db.knex('evidence_log').select('event')).map((r) => r.event as string);
    assert.deepEqual(events, ['requested', 'fetched'], 'only the fetch is in the tracker');
    const [row] = await h!.database.db.knex('evidence_flows').where({ id: flow.split('/').pop() }).select('state');
    assert.equal(row.state, 'open', 'the flow stays open: she can still decline');
    assert.equal(h!.oidc.completed.length, 0, 'the portal learns nothing');
  }

  it('W-30a refuses a non-parent: the partner of the head of household is not shown as the child\'s parent (mandate_not_parent, readable page, no rows)', async () => {
    h = await startEvidenceHarness();
    const { preview, answer, flow } = await attempt('it-marco-bianchi');
    const text = textOf(preview);
    assert.ok(text.includes('No mandate from this document'));
    assert.ok(text.includes('This document does not show you as the parent or guardian of a child'));
    assert.ok(text.includes('Error code: mandate_not_parent'));
    assert.ok(!preview.includes('Agree and send to'), 'no way to agree is offered');
    assert.equal(answer.status, 403);
    const page = await answer.text();
    assert.match(page, /<html lang="en">/);
    assert.ok(page.includes('mandate_not_parent') && page.includes('does not show you as the parent or guardian'));
    await assertNothingWritten(flow);
  });

  it('W-30b refuses a parent whose only child in the document is an adult (parental authority ends at 18)', async () => {
    h = await startEvidenceHarness({ records: withMembers((members) => members.map((m) => (m.given_name === 'Sofia' ? { ...m, birth_date: '2000-01-01' } : m))) });
    const { answer, flow } = await attempt('it-giulia-rossi');
    assert.equal(answer.status, 403);
    assert.ok((await answer.text()).includes('mandate_not_parent'));
    await assertNothingWritten(flow);
  });

  it('W-31a refuses an ambiguous document: the citizen listed twice (mandate_ambiguous, no rows)', async () => {
    h = await startEvidenceHarness({ records: withMembers((members) => [...members, { ...giulia, relationship: 'relative' }]) });
    const { preview, answer, flow } = await attempt('it-giulia-rossi');
    assert.ok(textOf(preview).includes('Error code: mandate_ambiguous'));
    assert.equal(answer.status, 403);
    assert.ok((await answer.text()).includes('could not be matched to you and one child without doubt'));
    await assertNothingWritten(flow);
  });

  it('W-31b refuses an ambiguous document: a namesake without a birth date, or two children that cannot be told apart', async () => {
    h = await startEvidenceHarness({ records: withMembers((members) => [...members.map((m) => (m.given_name === 'Giulia' ? { ...m, birth_date: '1990-01-01' } : m)),
      { family_name: 'ROSSI', given_name: 'Giulia', relationship: 'relative' }]) });
    const first = await attempt('it-giulia-rossi');
    assert.equal(first.answer.status, 403);
    assert.ok((await first.answer.text()).includes('mandate_ambiguous'));
    await h.close();
    h = await startEvidenceHarness({ records: withMembers((members) => [...members, { ...members.find((m) => m.given_name === 'Sofia')! }]) });
    const second = await attempt('it-giulia-rossi');
    assert.equal(second.answer.status, 403);
    assert.ok((await second.answer.text()).includes('mandate_ambiguous'));
    await assertNothingWritten(second.flow);
  });

  it('W-32 refuses a child the document does not offer (a forged or missing choice), writing nothing', async () => {
    h = await startEvidenceHarness();
    for (const form of [{ child_0: '1' }, { child_0: '../0' }, {}] as Array<Record<string, string>>) {
      const { answer, flow } = await attempt('it-giulia-rossi', form);
      assert.equal(answer.status, 400);
      await answer.arrayBuffer();
      assert.equal(await count('evidence_mandates'), 0, JSON.stringify(form));
      const [row] = await h.database.db.knex('evidence_flows').where({ id: flow.split('/').pop() }).select('state') as Array<{ state: string }>;
      assert.equal(row!.state, 'open');
    }
  });

  it('leaves no partial rows when issuing fails halfway (after the status entry, after the record)', async () => {
    h = await startEvidenceHarness();
    for (const stage of ['mandate:status-allocated', 'mandate:recorded']) {
      h.failAt(stage);
      const { answer, flow } = await attempt('it-giulia-rossi');
      assert.equal(answer.status, 500, stage);
      await answer.arrayBuffer();
      assert.equal(await count('evidence_mandates'), 0, stage);
      assert.equal(await count('evidence_status_entries'), 0, stage);
      assert.equal((await h.database.db.knex('evidence_log').where({ event: 'mandate_issued' })).length, 0, stage);
      const [row] = await h.database.db.knex('evidence_flows').where({ id: flow.split('/').pop() }).select('state') as Array<{ state: string }>;
      assert.equal(row!.state, 'open', stage);
    }
    h.failAt(undefined);
  });
});
