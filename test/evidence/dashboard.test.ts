import assert from 'node:assert/strict';
import { csrfOf, locationOf, TestBrowser } from './support/browser.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { tableAfter } from './support/page-text.js';
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
      'You shared the document', 'A portal downloaded the document']) {
      assert.ok(page.includes(expected), `dashboard lacks "${expected}"`);
    }
    assert.ok(!page.includes('Sofia'), 'the dashboard lists no attribute values');
  });

  it('tells repeated shares of one document with one portal apart: each row names the portal, the procedure and the minute it was given', async () => {
    const first = await sharedFamilyComposition(h);
    h.clock.advance(7 * 60_000);
    await sharedFamilyComposition(h);
    const rows = tableAfter(await (await loggedIn(first.citizenKey).get('/me')).text(), '<h2 id="consents">My consents</h2>').slice(1);
    assert.equal(rows.length, 2);
    for (const [portal, type, procedure] of rows) assert.deepEqual([portal, type, procedure], ['Bremerhaven kindergarten application', 'Proof of family composition', 'Kindergarten enrolment']);
    const given = rows.map((row) => row[4]!);
    assert.notEqual(given[0], given[1], `two shares, two times: ${given.join(' / ')}`);
    for (const time of given) assert.match(time, /\d{1,2}:\d{2}.*\(Central European Time\)$/);
  });

  it('names in the data tracker what each portal access read, and why one was refused; identical accesses are one line and one counted row in the log', async () => {
    const shared = await sharedFamilyComposition(h);
    const api = (path: string) => fetch(`${h.url}/api/evidence/shares${path}`, { headers: bearer(shared.token) }).then((r) => r.arrayBuffer());
    await api('');
    await api(`/${shared.consentId}`);
    for (let n = 0; n < 3; n += 1) await api(`/${shared.consentId}/document`);
    for (const part of ['credential', 'attestation', 'data']) await api(`/${shared.consentId}/${part}`);
    const browser = loggedIn(shared.citizenKey);
    await browser.post(`/me/consents/${shared.consentId}/withdraw`, { csrf: csrfOf(await (await browser.get(`/me/consents/${shared.consentId}/withdraw`)).text()) });
    await api(`/${shared.consentId}/document`);

    const page = await (await browser.get('/me')).text();
    const [header, ...rows] = tableAfter(page, '<h2 id="tracker">My data tracker</h2>');
    assert.deepEqual(header, ['When', 'What', 'Who', 'Evidence', 'Purpose', 'Result']);
    assert.deepEqual(rows.map((cells) => `${cells[1]} · ${cells[5]}`), [
      'A portal asked for the document · refused (consent withdrawn)',
      'The consent was withdrawn · done',
      'A portal downloaded the document\'s data · done',
      'A portal downloaded Passerelle\'s attestation · done',
      'A portal downloaded the authority\'s signed credential · done',
      'A portal downloaded the document · done',
      'A portal read the sharing\'s details and status · done',
      'A portal listed the documents you shared with it · done',
      'You shared the document · done',
      'The authority delivered the document · done',
      'You requested the document · done',
    ]);
    assert.match(rows[5]![0]!, /3 times, from /, 'the three downloads in a row are one line that says so');
    assert.equal(rows[5]![2], 'Bremerhaven kindergarten application');
    const logged = await h.database.db.knex('evidence_log').where({ consent_id: shared.consentId, event: 'portal_access', detail: 'document' }).orderBy('seq');
    assert.deepEqual(logged.map((r) => (r.count === null ? 1 : Number(r.count))), [1, 2], 'the chain holds the first access and a row counting the repeats');
    assert.ok(!page.includes('A portal accessed the shared document'));
  });

  it('labels a document that is no longer shared and not kept with its deletion time until the purge removes it; kept ones stay; consent records stay as written', async () => {
    await h.close();
    h = await startEvidenceHarness({ purgeIntervalSeconds: 3600 });
    const shared = await sharedFamilyComposition(h);
    const marcosFlow = new TestBrowser(h.url);
    const [marcosConsent] = await share(h, marcosFlow, await fetchAll(h, marcosFlow, 'it-marco-bianchi'), { keep: 'yes' });
    const browser = loggedIn(shared.citizenKey);
    const status = async (who: TestBrowser) => tableAfter(await (await who.get('/me')).text(), '<h2 id="evidence">My evidence</h2>').slice(1).map((cells) => cells[4]);
    assert.deepEqual(await status(browser), ['In use: shared; deleted once no consent is active']);

    const withdrawnAt = h.clock.now();
    await browser.post(`/me/consents/${shared.consentId}/withdraw`, { csrf: csrfOf(await (await browser.get(`/me/consents/${shared.consentId}/withdraw`)).text()) });
    const consentAsWritten = await h.database.db.knex('evidence_consents').where({ id: shared.consentId }).first();
    const at = new Date(withdrawnAt + 3600_000);
    const timeZone = h.ctx.config.timeZone;
    const by = `${new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone }).format(at)}, ${new Intl.DateTimeFormat('en', { timeStyle: 'short', timeZone }).format(at)} (Central European Time)`;
    assert.deepEqual(await status(browser), [`No longer shared and not kept: will be deleted by ${by}`]);
    h.clock.advance(2 * 3600_000);
    assert.deepEqual(await status(browser), ['No longer shared and not kept: will be deleted at the next retention run'], 'never a time already past');

    const marco = loggedIn(h.citizenKeyOf('it-marco-bianchi'));
    await marco.post(`/me/consents/${marcosConsent}/withdraw`, { csrf: csrfOf(await (await marco.get(`/me/consents/${marcosConsent}/withdraw`)).text()) });
    assert.deepEqual(await status(marco), ['Kept for reuse'], 'what the citizen kept is not announced for deletion');

    const report = await h.feature.purgeOnce();
    assert.equal(report.itemsPurged, 1, 'the purge removes exactly what the page announced');
    const page = await (await browser.get('/me')).text();
    assert.ok(page.includes('Your vault is empty.'));
    assert.ok(page.includes('The document was deleted at the end of its retention'));
    assert.deepEqual(await h.database.db.knex('evidence_consents').where({ id: shared.consentId }).first(), consentAsWritten);
    assert.deepEqual((await h.database.db.knex('evidence_consent_events').where({ consent_id: shared.consentId })).map((e) => e.event), ['withdrawn']);
  });

  it('withdraws only after a confirmation page (no JavaScript), then says what happened; the portal is refused at once', async () => {
    const shared = await sharedFamilyComposition(h);
    const browser = loggedIn(shared.citizenKey);
    const me = await (await browser.get('/me')).text();
    assert.ok(me.includes(`href="/me/consents/${shared.consentId}/withdraw"`), 'Withdraw is a link to the confirmation, not an action');
    assert.ok(!me.includes('method="post"'), 'nothing on /me acts in one click');
    const confirm = await browser.get(`/me/consents/${shared.consentId}/withdraw`);
    assert.equal(confirm.status, 200);
    const confirmPage = await confirm.text();
    assert.equal((await h.database.db.knex('evidence_consent_events')).length, 0, 'showing the confirmation changes nothing');
    for (const expected of ['Withdraw your consent?', 'Bremerhaven kindergarten application', 'Proof of family composition', 'Kindergarten enrolment', 'Yes, withdraw my consent', 'No, go back']) {
      assert.ok(confirmPage.includes(expected), `the confirmation lacks "${expected}"`);
    }
    const response = await browser.post(`/me/consents/${shared.consentId}/withdraw`, { csrf: csrfOf(confirmPage) });
    assert.equal(response.status, 303);
    assert.equal(locationOf(response), `/me?withdrawn=${shared.consentId}#consents`);
    const page = await (await browser.follow(response)).text();
    assert.match(page, /role="status">You withdrew your consent: Bremerhaven kindergarten application can no longer access “Proof of family composition” \(shared on /);
    assert.ok(page.includes('>withdrawn<'));
    assert.ok(page.includes('The consent was withdrawn'));
    const again = await browser.get(`/me/consents/${shared.consentId}/withdraw`);
    assert.equal(locationOf(again), `/me?unchanged=${shared.consentId}#consents`, 'an ended consent has nothing to confirm');
    const portal = await fetch(`${h.url}/api/evidence/shares/${shared.consentId}/document`, { headers: bearer(shared.token) });
    assert.equal(portal.status, 403);
    const events = await h.database.db.knex('evidence_consent_events').where({ consent_id: shared.consentId });
    assert.deepEqual(events.map((e) => `${e.event}:${e.actor}`), ['withdrawn:citizen']);
  });

  it('refuses cross-site or tokenless withdrawals and deletions (W-05), changing nothing', async () => {
    const shared = await sharedFamilyComposition(h);
    const browser = loggedIn(shared.citizenKey);
    const csrf = csrfOf(await (await browser.get(`/me/consents/${shared.consentId}/withdraw`)).text());
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
    const [marcosItem] = await h.database.db.knex('evidence_items').where({ citizen_key: h.citizenKeyOf('it-marco-bianchi') });
    const csrf = csrfOf(await (await marco.get(`/me/evidence/${marcosItem.id}/erase`)).text());
    assert.equal((await marco.get(`/me/consents/${shared.consentId}/withdraw`)).status, 404);
    assert.equal((await marco.get(`/me/evidence/${item.id}/erase`)).status, 404);
    assert.equal((await marco.post(`/me/consents/${shared.consentId}/withdraw`, { csrf })).status, 404);
    assert.equal((await marco.post(`/me/evidence/${item.id}/erase`, { csrf })).status, 404);
    assert.equal((await marco.get(`/me/evidence/${item.id}/document`)).status, 404);
    assert.equal((await h.database.db.knex('evidence_consent_events')).length, 0);
  });

  it('erases on request after a confirmation that says which consents end: data key and ciphertext destroyed, consents ended, a tombstone in the tracker, /me says so', async () => {
    const shared = await sharedFamilyComposition(h);
    const browser = loggedIn(shared.citizenKey);
    const [item] = await h.database.db.knex('evidence_items').where({ citizen_key: shared.citizenKey });
    const confirmPage = await (await browser.get(`/me/evidence/${item.id}/erase`)).text();
    for (const expected of ['Delete this document?', 'Proof of family composition', 'The one active consent to share it ends now.', 'Yes, delete the document']) {
      assert.ok(confirmPage.includes(expected), `the confirmation lacks "${expected}"`);
    }
    assert.equal((await h.database.db.knex('evidence_items').where({ id: item.id }).first()).state, 'stored', 'showing the confirmation changes nothing');
    const erased = await browser.post(`/me/evidence/${item.id}/erase`, { csrf: csrfOf(confirmPage) });
    assert.equal(erased.status, 303);
    assert.match(await (await browser.follow(erased)).text(), /role="status">You deleted “Proof of family composition”\. One consent to share it ended\./);
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
    assert.deepEqual(body.rows.map((r) => r.event), ['shared', 'fetched', 'requested'], 'newest first');
    assert.equal(body.rows[0]!.prev_hash, body.rows[1]!.hash);
  });
});
