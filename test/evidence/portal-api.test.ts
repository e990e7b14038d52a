import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { kita, startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { bearer, sharedFamilyComposition } from './support/steps.js';

describe('evidence/portal-api: the portal reads what was shared, only while the consent holds', () => {
  let h: EvidenceHarness;
  beforeEach(async () => { h = await startEvidenceHarness(); });
  afterEach(async () => { await h?.close(); });

  const api = (path: string, token?: string) => fetch(`${h.url}/api/evidence${path}`, { headers: token ? bearer(token) : {} });
  const portalAccesses = async (consentId: string) => (await h.database.db.knex('evidence_log').where({ consent_id: consentId, event: 'portal_access' }).orderBy('seq'))
    .map((row) => `${row.outcome}:${row.detail}`);

  it('lists the share and downloads document (W-08 headers), authority credential, attestation and data', async () => {
    const { consentId, token } = await sharedFamilyComposition(h);
    const list = await api('/shares', token);
    assert.equal(list.status, 200);
    assert.equal(list.headers.get('cache-control'), 'no-store');
    const { shares } = await list.json() as { shares: Array<Record<string, unknown>> };
    assert.equal(shares.length, 1);
    assert.equal(shares[0]!.consent_id, consentId);
    assert.equal(shares[0]!.status, 'active');

    const document = await api(`/shares/${consentId}/document`, token);
    assert.equal(document.status, 200);
    assert.equal(document.headers.get('content-type'), 'application/pdf');
    assert.match(document.headers.get('content-disposition') ?? '', /^attachment; filename="[A-Za-z0-9._-]+\.pdf"$/);
    assert.equal(document.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(document.headers.get('cache-control'), 'no-store');
    const bytes = Buffer.from(await document.arrayBuffer());
    const digest = (shares[0]!.document as { digest: { value: string } }).digest.value;
    assert.equal(createHash('sha256').update(bytes).digest('base64url'), digest);

    const credential = await api(`/shares/${consentId}/credential`, token);
    assert.match(credential.headers.get('content-type') ?? '', /^application\/dc\+sd-jwt/);
    assert.match(await credential.text(), /^ey[^~]+\.[^~]+\.[^~]+~/);
    const attestation = await api(`/shares/${consentId}/attestation`, token);
    assert.match(await attestation.text(), /^ey[^~]+\.[^~]+\.[^~]+~$/);
    const data = await (await api(`/shares/${consentId}/data`, token)).json() as { data: { members: unknown[] } };
    assert.equal(data.data.members.length, 3);

    assert.deepEqual(await portalAccesses(consentId), ['ok:listing', 'ok:document', 'ok:credential', 'ok:attestation', 'ok:data']);
  });

  it('answers 401 without a token or with an unknown or expired one', async () => {
    const { consentId, citizenKey } = await sharedFamilyComposition(h);
    const none = await api(`/shares/${consentId}/document`);
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await none.json() as { error: string }).error, 'invalid_token');
    const unknown = await api(`/shares/${consentId}/document`, 'not-a-token');
    assert.equal(unknown.status, 401);
    assert.match(unknown.headers.get('www-authenticate') ?? '', /invalid_token/);
    const expired = h.oidc.issueToken(kita.clientId, citizenKey, [consentId], h.clock.now() - 1);
    assert.equal((await api(`/shares/${consentId}/document`, expired)).status, 401);
  });

  it('refuses a portal whose token carries no consent: 403 consent_required', async () => {
    const { citizenKey } = await sharedFamilyComposition(h);
    const loginOnly = h.oidc.issueToken(kita.clientId, citizenKey, [], h.clock.now() + 60_000);
    const response = await api('/shares', loginOnly);
    assert.equal(response.status, 403);
    assert.equal((await response.json() as { error: string }).error, 'consent_required');
  });

  it('does not know another portal\'s or another citizen\'s share: 404, no existence oracle (W-07)', async () => {
    const { consentId, citizenKey } = await sharedFamilyComposition(h);
    const otherPortal = h.oidc.issueToken('santander-padron', citizenKey, [consentId], h.clock.now() + 60_000);
    assert.equal((await api(`/shares/${consentId}/document`, otherPortal)).status, 404);
    const otherCitizen = h.oidc.issueToken(kita.clientId, h.citizenKeyOf('it-marco-bianchi'), [consentId], h.clock.now() + 60_000);
    assert.equal((await api(`/shares/${consentId}/document`, otherCitizen)).status, 404);
    const sameCitizenOtherAuthorization = h.oidc.issueToken(kita.clientId, citizenKey, [], h.clock.now() + 60_000);
    assert.equal((await api(`/shares/${consentId}/document`, sameCitizenOtherAuthorization)).status, 404);
    assert.equal((await api('/shares/00000000-0000-0000-0000-000000000000', otherPortal)).status, 404);
  });

  it('refuses with 403 once the citizen withdrew, and the status list says INVALID', async () => {
    const { consentId, token, citizenKey } = await sharedFamilyComposition(h);
    const { withdrawConsent } = await import('../../src/evidence/consent/withdraw.js');
    assert.equal(await withdrawConsent(h.ctx, citizenKey, consentId), 'withdrawn');
    for (const part of ['document', 'credential', 'attestation', 'data']) {
      const response = await api(`/shares/${consentId}/${part}`, token);
      assert.equal(response.status, 403, part);
      assert.equal((await response.json() as { error: string }).error, 'consent_required');
    }
    const metadata = await (await api(`/shares/${consentId}`, token)).json() as { status: string; attestation_status: { uri: string; idx: number } };
    assert.equal(metadata.status, 'withdrawn');
    const listPath = new URL(metadata.attestation_status.uri).pathname;
    const listJwt = await (await fetch(h.url + listPath)).text();
    assert.equal(getListFromStatusListJWT(listJwt).getStatus(metadata.attestation_status.idx), 1);
    assert.deepEqual((await portalAccesses(consentId)).slice(-5),
      ['refused:document:withdrawn', 'refused:credential:withdrawn', 'refused:attestation:withdrawn', 'refused:data:withdrawn', 'ok:metadata']);
  });

  it('refuses with 403 once the consent expired, even before the purge recorded it', async () => {
    const { consentId, citizenKey } = await sharedFamilyComposition(h, { days: '7' });
    h.clock.advance(7 * 86_400_000 + 1);
    const token = h.oidc.issueToken(kita.clientId, citizenKey, [consentId], h.clock.now() + 60_000);
    assert.equal((await api(`/shares/${consentId}/document`, token)).status, 403);
    const metadata = await (await api(`/shares/${consentId}`, token)).json() as { status: string };
    assert.equal(metadata.status, 'expired');
  });
});
