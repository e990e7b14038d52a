import assert from 'node:assert/strict';
import { csrfOf, locationOf, TestBrowser } from './support/browser.js';
import { familyComposition, kita, residence, startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { textOf, tableAfter } from './support/page-text.js';
import { fetchAll, share } from './support/steps.js';

describe('evidence/interaction: the citizen\'s steps after login', () => {
  let h: EvidenceHarness;
  before(async () => { h = await startEvidenceHarness(); });
  after(async () => { await h?.close(); });

  const rows = (table: string) => h.database.db.knex(table).select();

  it('shows what is asked, by whom and why, with the national document name and the authority to ask', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition, residence]);
    assert.match(flow, /^\/evidence\/flow\/[0-9a-f-]{36}$/);
    const response = await browser.get(flow);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const page = await response.text();
    for (const expected of ['Bremerhaven kindergarten application', 'Kindergarten enrolment', 'Kindergarten place application',
      'Proof of family composition', 'Certificato di stato di famiglia', 'Request the document from Italian', 'Name of the document in Italy']) {
      assert.ok(page.includes(expected), `page lacks "${expected}"`);
    }
    assert.ok(!page.includes('<script'), 'no JavaScript needed');
    assert.ok(!page.includes('kindergarten-application'), 'the procedure by its name, never its id');
    assert.ok(!page.includes('Share with'), 'nothing can be shared before a document was fetched');
    assert.equal((await rows('evidence_items')).length, 0, 'nothing is fetched without the explicit request');
  });

  it('speaks the citizen\'s language when asked (German)', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const page = await (await browser.get(`${flow}?lang=de`)).text();
    assert.match(page, /<html lang="de">/);
    assert.ok(page.includes('Nachweise angefordert von Kita-Anmeldung Bremerhaven'));
    assert.ok(page.includes('Nachweis der Haushalts- und Familienzusammensetzung'));
  });

  it('fetches on the explicit request and previews the document and the data exactly as the portal will receive them', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const overview = await (await browser.get(flow)).text();
    const fetched = await browser.post(`${flow}/items/0/request`, { csrf: csrfOf(overview) });
    assert.equal(fetched.status, 303);
    assert.equal(locationOf(fetched), `${flow}/items/0/preview`);
    const preview = await (await browser.get(locationOf(fetched))).text();
    for (const expected of ['Sofia', 'Bianchi', 'Household members', 'application/pdf', 'SHA-256 digest', 'The data Bremerhaven kindergarten application will receive']) {
      assert.ok(preview.includes(expected), `preview lacks "${expected}"`);
    }
    const [item] = await rows('evidence_items');
    assert.equal(item.state, 'preview');
    assert.ok(!String(item.document_enc).includes('%PDF'), 'the document is stored encrypted');
    assert.ok(!String(item.data_enc).includes('Sofia'));

    const inline = await browser.get(`${flow}/items/0/document`);
    assert.equal(inline.status, 200);
    assert.equal(inline.headers.get('content-type'), 'application/pdf');
    assert.match(inline.headers.get('content-disposition') ?? '', /^inline; filename="it-family-composition-/);
    assert.equal(inline.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(inline.headers.get('cache-control'), 'no-store');
    assert.equal(Buffer.from(await inline.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
    const download = await browser.get(`${flow}/items/0/document?download=1`);
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment;/);
    await download.arrayBuffer();
  });

  it('previews the data with the catalogue\'s labels, country names, dates in the page language and the household as a table, the exact JSON in a disclosure', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser);
    const page = await (await browser.get(`${flow}/items/0/preview`)).text();
    const [readable, exact] = page.split('<details>');
    for (const key of ['family_name', 'given_name', 'post_code', 'birth_date', 'relationship', '>IT<', '2022-09-03']) {
      assert.ok(!readable!.includes(key), `the readable part shows the raw "${key}"`);
    }
    assert.match(textOf(readable!), /Address Via Giuseppe Palmieri 24\n73100 Lecce\nItaly/);
    assert.deepEqual(tableAfter(readable!, '<caption>Household members</caption>'), [
      ['Given names', 'Family name', 'Date of birth', 'Relationship'],
      ['Giulia', 'Rossi', 'April 12, 1988', 'Head of household'],
      ['Marco', 'Bianchi', 'November 23, 1986', 'Partner'],
      ['Sofia', 'Bianchi', 'September 3, 2022', 'Child'],
    ]);
    assert.match(readable!, /<div class="table-scroll" role="region" aria-label="Household members" tabindex="0"><table>/);
    const json = JSON.parse(textOf(/<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(exact!)![1]!)) as { members: Array<Record<string, string>> };
    assert.deepEqual(json.members[2], { family_name: 'Bianchi', given_name: 'Sofia', birth_date: '2022-09-03', relationship: 'child' });

    const german = await (await browser.get(`${flow}/items/0/preview?lang=de`)).text();
    assert.deepEqual(tableAfter(german, '<caption>Haushaltsmitglieder</caption>')[3], ['Sofia', 'Bianchi', '3. September 2022', 'Kind']);
    assert.match(textOf(german.split('<details>')[0]!), /Anschrift Via Giuseppe Palmieri 24\n73100 Lecce\nItalien/);
  });

  it('preselects the shortest sharing period, or the portal\'s own default, and names each period with a correct plural', async () => {
    const kitaFlow = new TestBrowser(h.url);
    const kita = await (await kitaFlow.get(await fetchAll(h, kitaFlow))).text();
    assert.match(kita, /<option value="1" selected>1 day \(until /);
    assert.match(kita, /<option value="7">7 days \(until /);
    assert.doesNotMatch(kita, /<option value="90" selected>/);
    const santanderFlow = new TestBrowser(h.url);
    const santander = await (await santanderFlow.get(await fetchAll(h, santanderFlow, 'es-lucia-garcia', [{ type: 'evidence', evidence_type: 'birth', procedure: 'census-registration' }], 'santander-padron'))).text();
    assert.match(santander, /<option value="30" selected>30 days/);
  });

  it('decides on the preview itself: the consent terms, the expiry choice and share (CSRF-checked, allowed to end at the portal); the portal then receives exactly the JSON shown', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser);
    const response = await browser.get(`${flow}/items/0/preview`);
    assert.match(response.headers.get('content-security-policy') ?? '', /form-action 'self' http:\/\/127\.0\.0\.1:3003/);
    const page = await response.text();
    const decision = textOf(page.slice(page.indexOf('<h2 id="decision">')));
    for (const expected of ['What you agree to', 'Shared with Bremerhaven kindergarten application', 'Document Proof of family composition',
      'Procedure Kindergarten enrolment', 'Purpose Kindergarten place application', 'Legal basis: your consent (GDPR Art. 6(1)(a))', 'Share for',
      'Share with Bremerhaven kindergarten application', 'Decline']) {
      assert.ok(decision.includes(expected), `the decision lacks "${expected}"`);
    }
    assert.match(page, new RegExp(`<form method="post" action="${flow}/share">`));
    assert.equal((await browser.post(`${flow}/share`, { csrf: 'forged', days: '30' })).status, 403, 'the same CSRF protection as on the request page');
    const shown = JSON.parse(textOf(/<pre><code>([\s\S]*?)<\/code><\/pre>/.exec(page)![1]!)) as unknown;
    const shared = await browser.post(`${flow}/share`, { csrf: csrfOf(page), days: '30' });
    assert.equal(shared.status, 303);
    assert.match(locationOf(shared), /^\/test\/oidc\/resumed\//);
    const outcome = h.oidc.completed.at(-1)!.result;
    assert.equal(outcome.decision, 'shared');
    const consentId = outcome.decision === 'shared' ? outcome.consents[0]!.consentId : '';
    const token = h.oidc.issueToken(kita.clientId, h.citizenKeyOf('it-giulia-rossi'), [consentId], h.clock.now() + 60_000);
    const received = await (await fetch(`${h.url}/api/evidence/shares/${consentId}/data`, { headers: { authorization: `Bearer ${token}` } })).json() as { data: unknown };
    assert.deepEqual(received.data, shown, 'the disclosure shows exactly what the portal receives');
  });

  it('on the preview of one of several requested documents, sends the citizen back for the others before sharing', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition, residence]);
    const overview = await (await browser.get(flow)).text();
    assert.equal((await browser.post(`${flow}/items/0/request`, { csrf: csrfOf(overview) })).status, 303);
    const page = await (await browser.get(`${flow}/items/0/preview`)).text();
    assert.ok(!page.includes(`action="${flow}/share"`), 'no share button while a document is missing');
    assert.ok(textOf(page).includes('Bremerhaven kindergarten application also asks for other documents.'));
    assert.ok(page.includes(`action="${flow}/decline"`), 'declining stays possible');
  });

  it('shares: one consent per request with portal, procedure, purpose, expiry and legal basis, and hands the consent ids back', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser, 'it-giulia-rossi', [familyComposition, residence]);
    const page = await (await browser.get(flow)).text();
    assert.ok(page.includes('Share with Bremerhaven kindergarten application'));
    assert.match(page, /<option value="30">30 days/);
    const consentIds = await share(h, browser, flow, { days: '30' });
    assert.equal(consentIds.length, 2);
    const consents = await h.database.db.knex('evidence_consents').whereIn('id', consentIds);
    for (const consent of consents) {
      assert.equal(consent.client_id, kita.clientId);
      assert.equal(consent.procedure, kita.procedure);
      assert.equal(consent.legal_basis, 'GDPR Art. 6(1)(a) consent');
      assert.equal(Number(consent.expires_at), h.clock.now() + 30 * 86_400_000);
      assert.ok(consent.explicit_request_at !== null);
    }
    const outcome = h.oidc.completed.at(-1)!.result;
    assert.equal(outcome.decision, 'shared');
    if (outcome.decision === 'shared') assert.deepEqual(outcome.consents.map((c) => c.detail.evidence_type), ['family-composition', 'residence']);
    const again = await browser.get(flow);
    assert.equal(again.status, 404, 'the flow cookie is gone after the decision');
    await again.arrayBuffer();
  });

  it('refuses an expiry longer than the configured default', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser);
    const page = await (await browser.get(flow)).text();
    const response = await browser.post(`${flow}/share`, { csrf: csrfOf(page), days: '3650' });
    assert.equal(response.status, 400);
    await response.arrayBuffer();
  });

  it('declines: the portal gets access_denied and the fetched document is deleted', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser);
    const flowId = flow.split('/').at(-1);
    assert.equal((await h.database.db.knex('evidence_items').where({ flow_id: flowId })).length, 1);
    const page = await (await browser.get(flow)).text();
    const response = await browser.post(`${flow}/decline`, { csrf: csrfOf(page) });
    assert.equal(response.status, 303);
    assert.deepEqual(h.oidc.completed.at(-1)!.result, { decision: 'declined' });
    assert.equal((await h.database.db.knex('evidence_items').where({ flow_id: flowId })).length, 0, 'nothing kept');
    const events = (await h.database.db.knex('evidence_log').where({ citizen_key: h.citizenKeyOf('it-giulia-rossi') }).orderBy('seq')).map((r) => r.event);
    assert.deepEqual(events.slice(-2), ['discarded', 'declined']);
  });

  it('declines but keeps the document in the vault when the citizen says so, and offers it for reuse next time', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser, 'it-marco-bianchi');
    const page = await (await browser.get(flow)).text();
    await browser.post(`${flow}/decline`, { csrf: csrfOf(page), keep: 'yes' });
    const [kept] = await h.database.db.knex('evidence_items').where({ citizen_key: h.citizenKeyOf('it-marco-bianchi'), state: 'stored' });
    assert.ok(kept, 'kept in the vault');

    const next = new TestBrowser(h.url);
    const second = await h.begin(next, 'it-marco-bianchi', [familyComposition]);
    const overview = await (await next.get(second)).text();
    assert.ok(overview.includes('Already in your vault'));
    assert.ok(overview.includes(`value="${kept.id}"`));
    const reuse = await next.post(`${second}/items/0/reuse`, { csrf: csrfOf(overview), evidence_id: kept.id });
    assert.equal(reuse.status, 303);
    const [consentId] = await share(h, next, second);
    const consent = await h.database.db.knex('evidence_consents').where({ id: consentId }).first();
    assert.equal(consent.evidence_id, kept.id, 'the same vault item is shared, not a new fetch');
    assert.equal((await h.database.db.knex('evidence_items').where({ citizen_key: h.citizenKeyOf('it-marco-bianchi') })).length, 1);
  });

  it('never offers or accepts another citizen\'s vault item for reuse (404, nothing linked)', async () => {
    const giulia = new TestBrowser(h.url);
    const giuliasFlow = await fetchAll(h, giulia, 'it-giulia-rossi');
    await giulia.post(`${giuliasFlow}/decline`, { csrf: csrfOf(await (await giulia.get(giuliasFlow)).text()), keep: 'yes' });
    const [giuliasItem] = await h.database.db.knex('evidence_items').where({ citizen_key: h.citizenKeyOf('it-giulia-rossi'), state: 'stored' });
    assert.ok(giuliasItem);
    const marco = new TestBrowser(h.url);
    const flow = await h.begin(marco, 'it-marco-bianchi', [familyComposition]);
    const page = await (await marco.get(flow)).text();
    assert.ok(!page.includes(giuliasItem.id));
    const response = await marco.post(`${flow}/items/0/reuse`, { csrf: csrfOf(page), evidence_id: giuliasItem.id });
    assert.equal(response.status, 404);
    await response.arrayBuffer();
    const link = await h.database.db.knex('evidence_flow_items').where({ flow_id: flow.split('/').at(-1) }).first();
    assert.equal(link.evidence_id, null);
  });

  it('tells the citizen in their words when the authority has no record, logs the refusal, and lets them decline', async () => {
    const browser = new TestBrowser(h.url);
    // Giulia and Marco are partners, not married: the Italian register has no marriage record.
    const flow = await h.begin(browser, 'it-giulia-rossi', [{ type: 'evidence', evidence_type: 'marriage', procedure: 'census-registration' }], 'santander-padron');
    const overview = await (await browser.get(flow)).text();
    const response = await browser.post(`${flow}/items/0/request`, { csrf: csrfOf(overview) });
    assert.equal(response.status, 303);
    const page = await (await browser.follow(response)).text();
    assert.ok(page.includes('The authority holds no such document for you.'));
    assert.ok(page.includes('Decline'));
    const events = (await h.database.db.knex('evidence_log').where({ citizen_key: h.citizenKeyOf('it-giulia-rossi') }).orderBy('seq'))
      .map((r) => `${r.event}:${r.outcome}:${r.detail ?? ''}`);
    assert.deepEqual(events.slice(-2), ['requested:ok:', 'fetch_failed:refused:evidence_no_record']);
    assert.equal((await h.database.db.knex('evidence_items').where({ flow_id: flow.split('/').at(-1) })).length, 0);
  });

  it('refuses to begin a flow for evidence the portal may not ask for', async () => {
    const browser = new TestBrowser(h.url);
    await assert.rejects(h.begin(browser, 'it-giulia-rossi', [{ type: 'evidence', evidence_type: 'marriage', procedure: kita.procedure }]), /403/);
    await assert.rejects(h.begin(browser, 'it-giulia-rossi', [{ type: 'evidence', evidence_type: 'passport', procedure: kita.procedure }]), /400/);
  });

  it('behaves as one across two instances: a flow begun on one finishes on the other', async () => {
    const other = await h.secondInstance();
    const browser = new TestBrowser(h.url);
    const flow = await h.begin(browser, 'it-giulia-rossi', [familyComposition]);
    const elsewhere = new TestBrowser(other.url);
    for (const [name, value] of browser.cookies) elsewhere.cookies.set(name, value);
    const overview = await (await elsewhere.get(flow)).text();
    const fetched = await elsewhere.post(`${flow}/items/0/request`, { csrf: csrfOf(overview) });
    assert.equal(fetched.status, 303);
    const consentIds = await share(h, browser, flow);
    assert.equal(consentIds.length, 1);
  });
});
