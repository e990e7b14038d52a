import assert from 'node:assert/strict';
import { csrfOf, locationOf, TestBrowser } from './support/browser.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { bearer, fetchAll, share, sharedFamilyComposition } from './support/steps.js';

describe('evidence/dashboard: the citizen sees and controls their evidence at /me', () => {
  let h: EvidenceHarness;
  beforeEach(async () => { h = await startEvidenceHarness(); });
  afterEach(async () => { await h?.close(); });

  function loggedIn(citizenKey: string): TestBrowser {
    const browser = new TestBrowser(h.url);
    browser.cookies.set('test_session', h.oidc.openSession(citizenKey));
    return browser;
  }

  it('sends a visitor without a session to log in, and back to /me afterwards', async () => {
    const response = await new TestBrowser(h.url).get('/me');
    assert.equal(response.status, 303);
    assert.equal(locationOf(response), '/test/oidc/login?return_to=%2Fme');
  });

  it('lists my evidence, my consents and every step in my data tracker, with an intact chain', async () => {
    const shared = await sharedFamilyComposition(h);
    await fetch(`${h.url}/api/evidence/shares/${shared.consentId}/document`, { headers: bearer(shared.token) }).then((r) => r.arrayBuffer());
    const page = await (await loggedIn(shared.citizenKey).get('/me')).text();
    for (const expected of ['My evidence', 'Proof of family composition', 'Italian', 'Bremerhaven kindergarten application', 'Kindergarten place application',
      '>active<', 'Withdraw', 'Integrity check passed', 'You requested the document', 'The authority delivered the document',
      'You shared the document', 'A portal accessed the shared document']) {
      assert.ok(page.includes(expected), `dashboard lacks "${expected}"`);
    }
    assert.ok(!page.includes('Sofia'), 'the dashboard lists no attribute values');
  });

  it('withdraws in one click (CSRF-protected POST); the portal is refused at once', async () => {
    const shared = await sharedFamilyComposition(h);
    const browser = loggedIn(shared.citizenKey);
    const csrf = csrfOf(await (await browser.get('/me')).text());
    const response = await browser.post(`/me/consents/${shared.consentId}/withdraw`, { csrf });
    assert.equal(response.status, 303);
    assert.equal(locationOf(response), '/me');
    const page = await (await browser.get('/me')).text();
    assert.ok(page.includes('>withdrawn<'));
    assert.ok(page.includes('The consent was withdrawn'));
    const portal = await fetch(`${h.url}/api/evidence/shares/${shared.consentId}/document`, { headers: bearer(shared.token) });
    assert.equal(portal.status, 403);
    const events = await h.database.db.knex('evidence_consent_events').where({ consent_id: shared.consentId });
    assert.deepEqual(events.map((e) => `${e.event}:${e.actor}`), ['withdrawn:citizen']);
  });

  it('refuses cross-site or tokenless withdrawals and deletions (W-05), changing nothing', async () => {
    const shared = await sharedFamilyComposition(h);
    const browser = loggedIn(shared.citizenKey);
    const csrf = csrfOf(await (await browser.get('/me')).text());
    const [item] = await h.database.db.knex('evidence_items').where({ citizen_key: shared.citizenKey });
    const attempts = [
      browser.post(`/me/consents/${shared.consentId}/withdraw`, {}),
      browser.post(`/me/consents/${shared.consentId}/withdraw`, { csrf }, { origin: 'https://evil.example' }),
      browser.post(`/me/evidence/${item.id}/erase`, { csrf: 'forged' }),
      new TestBrowser(h.url).post(`/me/evidence/${item.id}/erase`, { csrf }),
    ];
    for (const attempt of attempts) assert.equal((await attempt).status, 403);
    assert.equal((await h.database.db.knex('evidence_consent_events')).length, 0);
    assert.equal((await h.database.db.knex('evidence_items').where({ id: item.id }).first()).state, 'stored');
  });

  it('one citizen never sees or touches another\'s vault: foreign ids are 404 (W-07)', async () => {
    const shared = await sharedFamilyComposition(h);
    const [item] = await h.database.db.knex('evidence_items').where({ citizen_key: shared.citizenKey });
    // Marco has evidence of his own, so his dashboard carries forms and a valid token.
    const marcosOwn = new TestBrowser(h.url);
    await share(h, marcosOwn, await fetchAll(h, marcosOwn, 'it-marco-bianchi'));
    const marco = loggedIn(h.citizenKeyOf('it-marco-bianchi'));
    const page = await (await marco.get('/me')).text();
    assert.ok(page.includes('Proof of family composition'));
    assert.ok(!page.includes(shared.consentId) && !page.includes(item.id));
    const csrf = csrfOf(page);
    assert.equal((await marco.post(`/me/consents/${shared.consentId}/withdraw`, { csrf })).status, 404);
    assert.equal((await marco.post(`/me/evidence/${item.id}/erase`, { csrf })).status, 404);
    assert.equal((await marco.get(`/me/evidence/${item.id}/document`)).status, 404);
    assert.equal((await h.database.db.knex('evidence_consent_events')).length, 0);
  });

  it('erases on request: data key and ciphertext destroyed, consents ended, a tombstone in the tracker', async () => {
    const shared = await sharedFamilyComposition(h);
    const browser = loggedIn(shared.citizenKey);
    const csrf = csrfOf(await (await browser.get('/me')).text());
    const [item] = await h.database.db.knex('evidence_items').where({ citizen_key: shared.citizenKey });
    assert.equal((await browser.post(`/me/evidence/${item.id}/erase`, { csrf })).status, 303);
    const tombstone = await h.database.db.knex('evidence_items').where({ id: item.id }).first();
    assert.equal(tombstone.state, 'erased');
    assert.deepEqual([tombstone.wrapped_key, tombstone.document_enc, tombstone.credential_enc, tombstone.data_enc], [null, null, null, null]);
    assert.equal(tombstone.document_digest, item.document_digest, 'the tombstone keeps what is needed to explain the history');
    const portal = await fetch(`${h.url}/api/evidence/shares/${shared.consentId}/document`, { headers: bearer(shared.token) });
    assert.equal(portal.status, 403);
    const page = await (await browser.get('/me')).text();
    assert.ok(page.includes('You deleted the document'));
    assert.ok(page.includes('ended (deleted)'));
    assert.equal((await browser.get(`/me/evidence/${item.id}/document`)).status, 404);
  });

  it('exports the tracker as JSON with its integrity result', async () => {
    const shared = await sharedFamilyComposition(h);
    const response = await loggedIn(shared.citizenKey).get('/me/tracker.json');
    assert.match(response.headers.get('content-disposition') ?? '', /attachment/);
    const body = await response.json() as { integrity: { intact: boolean; rows: number }; rows: Array<{ event: string; hash: string; prev_hash: string }> };
    assert.equal(body.integrity.intact, true);
    assert.deepEqual(body.rows.map((r) => r.event), ['requested', 'fetched', 'shared']);
    assert.equal(body.rows[1]!.prev_hash, body.rows[0]!.hash);
  });
});
