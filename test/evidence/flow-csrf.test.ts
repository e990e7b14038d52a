import assert from 'node:assert/strict';
import { csrfOf, TestBrowser } from './support/browser.js';
import { familyComposition, startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { fetchAll } from './support/steps.js';

/** W-04 / W-05: cross-site or forged posts to the evidence steps are refused and change nothing. */
describe('evidence/interaction: only this browser\'s own forms can act on its flow', () => {
  let h: EvidenceHarness;
  before(async () => { h = await startEvidenceHarness(); });
  after(async () => { await h?.close(); });

  const counts = async () => ({
    items: (await h.database.db.knex('evidence_items').count({ n: '*' }))[0]!.n,
    consents: (await h.database.db.knex('evidence_consents').count({ n: '*' }))[0]!.n,
    log: (await h.database.db.knex('evidence_log').count({ n: '*' }))[0]!.n,
  });

  async function refused(response: Response, status: number): Promise<void> {
    assert.equal(response.status, status, await response.text());
  }

  it('refuses a request without the CSRF token (403), and nothing is fetched', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const before = await counts();
    await refused(await browser.post(`${flow}/items/0/request`, {}), 403);
    await refused(await browser.post(`${flow}/items/0/request`, { csrf: 'forged' }), 403);
    assert.deepEqual(await counts(), before);
  });

  it('refuses the token of another flow (403)', async () => {
    const browser = new TestBrowser(h.url);
    const first = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const second = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const tokenOfFirst = csrfOf(await (await browser.get(first)).text());
    const before = await counts();
    await refused(await browser.post(`${second}/items/0/request`, { csrf: tokenOfFirst }), 403);
    assert.deepEqual(await counts(), before);
  });

  it('refuses a post from a foreign Origin or a cross-site fetch even with a valid token (403)', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser);
    const csrf = csrfOf(await (await browser.get(flow)).text());
    const before = await counts();
    await refused(await browser.post(`${flow}/share`, { csrf, days: '90' }, { origin: 'https://evil.example' }), 403);
    await refused(await browser.post(`${flow}/share`, { csrf, days: '90' }, { 'sec-fetch-site': 'cross-site' }), 403);
    await refused(await browser.post(`${flow}/decline`, { csrf }, { origin: 'https://evil.example' }), 403);
    assert.deepEqual(await counts(), before);
    assert.equal(h.oidc.completed.length, 0, 'no decision reached the OpenID Provider');
  });

  it('does not know the flow in a browser without its cookie (404), with or without a token', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const csrf = csrfOf(await (await browser.get(flow)).text());
    const stranger = new TestBrowser(h.url);
    await refused(await stranger.get(flow), 404);
    await refused(await stranger.post(`${flow}/items/0/request`, { csrf }), 404);
  });

  it('has no state-changing GETs: the action URLs answer 404 to GET', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const before = await counts();
    for (const action of ['items/0/request', 'share', 'decline']) await refused(await browser.get(`${flow}/${action}`), 404);
    assert.deepEqual(await counts(), before);
  });

  it('acts only once: a second share of the same flow is refused', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser);
    const csrf = csrfOf(await (await browser.get(flow)).text());
    const cookies = new Map(browser.cookies);
    assert.equal((await browser.post(`${flow}/share`, { csrf, days: '90' })).status, 303);
    for (const [name, value] of cookies) browser.cookies.set(name, value);
    await refused(await browser.post(`${flow}/share`, { csrf, days: '90' }), 409);
    assert.equal((await h.database.db.knex('evidence_consents').where({ flow_id: flow.split('/').at(-1) })).length, 1);
  });
});
