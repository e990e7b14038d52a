import assert from 'node:assert/strict';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import { mandateVct } from '../../../src/evidence/mandate/attestation.js';
import { csrfOf, locationOf, TestBrowser } from '../support/browser.js';
import { actForChild, kita, startEvidenceHarness, type EvidenceHarness } from '../support/harness.js';
import { textOf } from '../support/page-text.js';
import { bearer, fetchAll } from '../support/steps.js';

const dayMs = 86_400_000;

interface MandateView { mandate_id: string; status: string; expires_at: string; represented: Record<string, string>; representative: Record<string, string>; relationship: string }

describe('evidence/mandate: a parent acts for her child, from her family-composition certificate', () => {
  let h: EvidenceHarness;
  beforeEach(async () => { h = await startEvidenceHarness(); });
  afterEach(async () => { await h?.close(); });

  // In insertion order: the assertions compare sequences of tracker rows.
  const rows = (table: string) => h.database.db.knex(table).select().orderBy('id');

  /** Giulia fetches the certificate in a representation request and agrees; returns the mandate id and a portal token carrying it. */
  async function giuliaGrants(): Promise<{ browser: TestBrowser; mandateId: string; token: string; citizenKey: string }> {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser, 'it-giulia-rossi', [actForChild]);
    const preview = await (await browser.get(`${flow}/items/0/preview`)).text();
    const before = h.oidc.completed.length;
    const agreed = await browser.post(`${flow}/share`, { csrf: csrfOf(preview), days: '1', child_0: '0' });
    assert.equal(agreed.status, 303, await agreed.text());
    const outcome = h.oidc.completed[before]!.result;
    assert.ok(outcome.decision === 'shared' && outcome.mandates?.length === 1);
    const mandateId = outcome.mandates[0]!.mandateId;
    const citizenKey = h.citizenKeyOf('it-giulia-rossi');
    const token = 'mandate-token-' + mandateId;
    h.oidc.tokens.set(token, {
      clientId: kita.clientId, citizenKey, expiresAt: h.clock.now() + 60 * dayMs,
      authorizationDetails: [{ type: 'representation', procedure: kita.procedure, mandate_id: mandateId }],
    });
    return { browser, mandateId, token, citizenKey };
  }

  /** The public URL in the tests' configuration is not where this instance listens. */
  const local = (uri: string) => h.url + new URL(uri).pathname;
  const api = (token: string, mandateId: string, part = '') => fetch(`${h.url}/api/evidence/mandates/${mandateId}${part}`, { headers: bearer(token) });

  async function statusBit(attestation: string): Promise<number> {
    const payload = JSON.parse(Buffer.from(attestation.split('.')[1]!, 'base64url').toString()) as { status: { status_list: { idx: number; uri: string } } };
    const list = await (await fetch(local(payload.status.status_list.uri))).text();
    return getListFromStatusListJWT(list).getStatus(payload.status.status_list.idx);
  }

  it('previews the mandate (the child, the procedure, the end, the recipient) before anything is issued, without JavaScript', async () => {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser, 'it-giulia-rossi', [actForChild]);
    const overview = await (await browser.get(flow)).text();
    assert.ok(overview.includes('Act for your child') && overview.includes('Preview the mandate'));
    const response = await browser.get(`${flow}/items/0/preview`);
    assert.equal(response.status, 200);
    const page = textOf(await response.text());
    for (const expected of ['Preview: act for your child', 'Sofia Bianchi, born on September 3, 2022', 'Giulia Rossi', 'Parent',
      'Kindergarten enrolment', 'Bremerhaven kindergarten application', 'December 27, 2026 at the latest (at most 30 days)', 'Agree and send to']) {
      assert.ok(page.includes(expected), `preview lacks "${expected}"`);
    }
    assert.ok(!page.includes('Marco Bianchi,'), 'the partner is not offered as a child');
    assert.equal((await rows('evidence_mandates')).length, 0, 'nothing issued by looking');
  });

  it('issues a signed, status-listed attestation "Giulia Rossi may act for Sofia Bianchi" for at most 30 days, sealed at rest, in the tracker', async () => {
    const { mandateId, token } = await giuliaGrants();
    const [row] = await rows('evidence_mandates');
    assert.equal(row.id, mandateId);
    assert.equal(Number(row.expires_at) - Number(row.given_at), 30 * dayMs);
    assert.ok(String(row.attestation_enc).startsWith('v1.') && !String(row.attestation_enc).includes('Sofia'), 'the attestation is sealed');

    const attestation = await (await api(token, mandateId, '/attestation')).text();
    const { jwks } = await (await fetch(`${h.url}/.well-known/jwt-vc-issuer`)).json() as { jwks: { keys: Array<{ kid: string }> } };
    const header = decodeProtectedHeader(attestation.split('~')[0]!);
    assert.equal(header.typ, 'dc+sd-jwt');
    const key = await importJWK(jwks.keys.find((k) => k.kid === header.kid)! as JWK, 'ES256');
    const { payload: bytes } = await compactVerify(attestation.split('~')[0]!, key);
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    assert.equal(payload.vct, mandateVct);
    assert.deepEqual(payload.representative, { given_name: 'Giulia', family_name: 'Rossi', birthdate: '1988-04-12' });
    assert.deepEqual(payload.represented, { given_name: 'Sofia', family_name: 'Bianchi', birthdate: '2022-09-03' });
    assert.equal(payload.procedure, kita.procedure);
    assert.equal((payload.recipient as { client_id: string }).client_id, kita.clientId);
    assert.equal(Number(payload.exp) - Number(payload.iat), 30 * 86_400);

    const tracker = await rows('evidence_log');
    assert.ok(tracker.some((r) => r.event === 'mandate_issued' && r.consent_id === mandateId && r.outcome === 'ok'));
  });

  it('gives the portal the child\'s identity marked as represented, and writes each use to the tracker', async () => {
    const { mandateId, token } = await giuliaGrants();
    const response = await api(token, mandateId);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const view = await response.json() as MandateView;
    assert.equal(view.status, 'active');
    assert.deepEqual(view.represented, { given_name: 'Sofia', family_name: 'Bianchi', birthdate: '2022-09-03' });
    assert.equal(view.representative.given_name, 'Giulia');
    assert.equal(view.relationship, 'parent');
    const uses = (await rows('evidence_log')).filter((r) => r.event === 'mandate_used');
    assert.deepEqual(uses.map((r) => `${r.outcome}:${r.detail}`), ['ok:metadata']);
  });

  it('W-34a Revoke asks first on a page of its own, then /me says what ended; a revoked mandate is refused at its next use, by the portal API and on the status list; the tracker shows the end', async () => {
    const { browser, mandateId, token, citizenKey } = await giuliaGrants();
    const attestation = await (await api(token, mandateId, '/attestation')).text();
    assert.equal(await statusBit(attestation), 0);
    browser.cookies.set('test_session', h.oidc.openSession(citizenKey));
    const me = await (await browser.get('/me')).text();
    assert.ok(textOf(me).includes('Sofia Bianchi') && me.includes(`href="/me/mandates/${mandateId}/revoke"`), 'Revoke on /me is a link to a page that asks first');
    const confirm = await (await browser.get(`/me/mandates/${mandateId}/revoke`)).text();
    assert.ok(textOf(confirm).includes('Revoke this mandate?') && textOf(confirm).includes('Sofia Bianchi') && confirm.includes(`action="/me/mandates/${mandateId}/revoke"`));
    assert.equal((await api(token, mandateId)).status, 200, 'asking changes nothing');
    const revoked = await browser.post(`/me/mandates/${mandateId}/revoke`, { csrf: csrfOf(confirm) });
    assert.equal(revoked.status, 303);
    assert.equal(locationOf(revoked), `/me?revoked=${mandateId}#mandates`);
    const after = await api(token, mandateId);
    assert.equal(after.status, 403);
    assert.equal((await after.json() as { error: string }).error, 'mandate_inactive');
    assert.equal(await statusBit(attestation), 1);
    const page = textOf(await (await browser.get(locationOf(revoked))).text());
    assert.ok(page.includes('You revoked the mandate to act for Sofia Bianchi at ') && page.includes('Its next use is refused.') && page.includes('Revoked'), page);
    const again = await browser.get(`/me/mandates/${mandateId}/revoke`);
    assert.equal(locationOf(again), `/me?mandate_unchanged=${mandateId}#mandates`, 'an ended mandate is not asked about again');
    const twice = await browser.post(`/me/mandates/${mandateId}/revoke`, { csrf: csrfOf(confirm) });
    assert.equal(locationOf(twice), `/me?mandate_unchanged=${mandateId}#mandates`);
    assert.ok(textOf(await (await browser.get(locationOf(twice))).text()).includes('This mandate had already ended; nothing was changed.'));
    const events = (await rows('evidence_log')).filter((r) => r.consent_id === mandateId).map((r) => `${r.event}:${r.outcome}`);
    assert.deepEqual(events, ['mandate_issued:ok', 'mandate_used:ok', 'mandate_used:ok', 'mandate_revoked:ok', 'mandate_used:refused'], 'one revocation, however often asked');
  });

  it('W-34b deleting the document behind a mandate ends it at once', async () => {
    const { browser, mandateId, token, citizenKey } = await giuliaGrants();
    const [item] = await rows('evidence_items');
    browser.cookies.set('test_session', h.oidc.openSession(citizenKey));
    const confirm = await (await browser.get(`/me/evidence/${item.id}/erase`)).text();
    assert.equal((await browser.post(`/me/evidence/${item.id}/erase`, { csrf: csrfOf(confirm) })).status, 303);
    const after = await api(token, mandateId);
    assert.equal(after.status, 403);
    const [event] = await rows('evidence_mandate_events');
    assert.equal(event.event, 'erased');
  });

  it('W-33a an expired mandate (after 30 days) is refused; the retention run records its end once', async () => {
    const { mandateId, token } = await giuliaGrants();
    assert.equal((await api(token, mandateId)).status, 200);
    h.clock.advance(30 * dayMs);
    const expired = await api(token, mandateId);
    assert.equal(expired.status, 403);
    assert.equal((await expired.json() as { error: string }).error, 'mandate_inactive');
    const first = await h.feature.purgeOnce();
    assert.equal(first.mandatesExpired, 1);
    assert.equal((await h.feature.purgeOnce()).mandatesExpired, 0);
    const events = (await rows('evidence_log')).filter((r) => r.consent_id === mandateId).map((r) => `${r.event}:${r.detail ?? ''}`);
    assert.deepEqual(events, ['mandate_issued:parent', 'mandate_used:metadata', 'mandate_used:metadata:expired', 'mandate_expired:']);
  });

  it('keeps the document while the mandate lives, even when not kept: retention counts the mandate', async () => {
    await giuliaGrants();
    h.clock.advance(dayMs);
    assert.equal((await h.feature.purgeOnce()).itemsPurged, 0);
    h.clock.advance(30 * dayMs);
    const report = await h.feature.purgeOnce();
    assert.deepEqual([report.mandatesExpired, report.itemsPurged], [1, 1]);
  });

  const verify = async (attestation: string) => (await (await fetch(`${h.url}/api/verify`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ attestation }),
  })).json()) as { valid: boolean; status: string; finding: string; mandate?: { represented: { given_name: string }; representative: { given_name: string } } };

  it('an official verifies the mandate at /api/verify and /verify: valid with who acts for whom; withdrawn after revocation; expired after 30 days; a tampered one fails', async () => {
    const { browser, mandateId, token, citizenKey } = await giuliaGrants();
    const attestation = await (await api(token, mandateId, '/attestation')).text();
    const first = await verify(attestation);
    assert.deepEqual([first.valid, first.status, first.mandate?.representative.given_name, first.mandate?.represented.given_name], [true, 'valid', 'Giulia', 'Sofia']);
    const page = textOf(await (await fetch(`${h.url}/verify`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: h.url }, body: new URLSearchParams({ attestation }).toString(),
    })).text());
    assert.ok(page.includes('Who acts Giulia Rossi') && page.includes('For whom Sofia Bianchi'), page.slice(0, 1500));

    const [header, payload] = attestation.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    forged.represented = { given_name: 'Someone', family_name: 'Else', birthdate: '2020-01-01' };
    const tampered = await verify(`${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${attestation.split('.')[2]}`);
    assert.deepEqual([tampered.valid, tampered.finding], [false, 'attestation_invalid']);

    browser.cookies.set('test_session', h.oidc.openSession(citizenKey));
    const confirm = await (await browser.get(`/me/mandates/${mandateId}/revoke`)).text();
    await browser.post(`/me/mandates/${mandateId}/revoke`, { csrf: csrfOf(confirm) });
    const revoked = await verify(attestation);
    assert.deepEqual([revoked.valid, revoked.status], [false, 'withdrawn']);
    await browser.get('/me');
    const verifiedRows = (await rows('evidence_log')).filter((r) => r.event === 'verified' && r.consent_id === mandateId).map((r) => `${r.outcome}${r.count ? ` x${r.count}` : ''}`);
    assert.deepEqual(verifiedRows, ['ok', 'refused', 'ok x1'], 'each check of the mandate is in the parent\'s tracker, the identical second check counted (sealed when she views /me)');
  });

  it('W-33b an official sees an expired mandate as expired', async () => {
    const { mandateId, token } = await giuliaGrants();
    const attestation = await (await api(token, mandateId, '/attestation')).text();
    h.clock.advance(30 * dayMs);
    const report = await verify(attestation);
    assert.deepEqual([report.valid, report.status, report.finding], [false, 'expired', 'expired']);
  });

  it('W-35 a mandate id not carried by the token, or carried by another portal\'s token, does not exist (404)', async () => {
    const { mandateId } = await giuliaGrants();
    h.oidc.tokens.set('other-portal-token-0123456789', {
      clientId: 'santander-padron', citizenKey: h.citizenKeyOf('it-giulia-rossi'), expiresAt: h.clock.now() + 600_000,
      authorizationDetails: [{ type: 'representation', mandate_id: mandateId }],
    });
    assert.equal((await api('other-portal-token-0123456789', mandateId)).status, 404);
    h.oidc.tokens.set('no-mandate-token-0123456789', { clientId: kita.clientId, citizenKey: h.citizenKeyOf('it-giulia-rossi'), expiresAt: h.clock.now() + 600_000, authorizationDetails: [] });
    assert.equal((await api('no-mandate-token-0123456789', mandateId)).status, 404);
    assert.equal((await api('unknown-token-0123456789', mandateId)).status, 401);
  });
});
