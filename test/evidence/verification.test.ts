import assert from 'node:assert/strict';
import { withdrawConsent } from '../../src/evidence/consent/withdraw.js';
import type { VerificationReport } from '../../src/evidence/verify/report.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { bearer, sharedFamilyComposition } from './support/steps.js';
import { flipByte, withChangedClaim } from './support/tamper.js';

describe('evidence/verify: officials verify issuer, signature, integrity, status, scope and provenance', () => {
  let h: EvidenceHarness;
  let shared: Awaited<ReturnType<typeof sharedFamilyComposition>>;
  let material: { attestation: string; credential: string; document: Buffer };
  beforeEach(async () => {
    h = await startEvidenceHarness();
    shared = await sharedFamilyComposition(h);
    const get = (part: string) => fetch(`${h.url}/api/evidence/shares/${shared.consentId}/${part}`, { headers: bearer(shared.token) });
    material = {
      attestation: await (await get('attestation')).text(),
      credential: await (await get('credential')).text(),
      document: Buffer.from(await (await get('document')).arrayBuffer()),
    };
  });
  afterEach(async () => { await h?.close(); });

  async function verify(body: Record<string, unknown>): Promise<VerificationReport> {
    const response = await fetch(`${h.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 200);
    return await response.json() as VerificationReport;
  }
  const all = () => ({ attestation: material.attestation, credential: material.credential, document: material.document.toString('base64') });
  const verifications = async () => (await h.database.db.knex('evidence_log').where({ consent_id: shared.consentId, event: 'verified' }).orderBy('seq'))
    .map((row) => `${row.outcome}:${row.detail}`);

  it('reports a fresh share as valid, with both trust anchors, scope and provenance', async () => {
    const report = await verify(all());
    assert.equal(report.valid, true);
    assert.equal(report.status, 'valid');
    assert.equal(report.attestation?.signature, 'passed');
    assert.equal(report.attestation?.trust_anchor?.kind, 'passerelle-evidence-signing-keys');
    assert.equal(report.attestation?.scope?.portal.client_id, 'bremerhaven-kita');
    assert.equal(report.attestation?.scope?.procedure, 'kindergarten-application');
    assert.equal(report.attestation?.scope?.purpose, 'Kindergarten place application');
    assert.equal(report.attestation?.provenance?.authority.id, 'it-anagrafe');
    assert.equal(report.attestation?.status?.value, 0);
    assert.equal(report.credential?.signature, 'passed');
    assert.equal(report.credential?.trust_anchor?.authority_id, 'it-anagrafe');
    assert.equal(report.credential?.matches_attestation, true);
    assert.deepEqual([report.document?.matches_attestation, report.document?.matches_credential], [true, true]);
    assert.deepEqual(await verifications(), ['ok:valid']);
    assert.ok(!JSON.stringify(report).includes('Sofia'), 'the report carries no attribute values');
  });

  it('fails a tampered document: the digest matches neither the attestation nor the credential', async () => {
    const report = await verify({ ...all(), document: flipByte(material.document).toString('base64') });
    assert.equal(report.valid, false);
    assert.deepEqual([report.document?.matches_attestation, report.document?.matches_credential], [false, false]);
    assert.deepEqual(await verifications(), ['refused:valid']);
  });

  it('fails a tampered authority credential (changed claim under the old signature)', async () => {
    const report = await verify({ ...all(), credential: withChangedClaim(material.credential, 'exp', 4_102_444_800) });
    assert.equal(report.valid, false);
    assert.equal(report.credential?.signature, 'failed');
    assert.equal(report.credential?.matches_attestation, false);
  });

  it('fails a tampered attestation (another portal written into it)', async () => {
    const report = await verify({ attestation: withChangedClaim(material.attestation, 'recipient', { client_id: 'evil', name: 'Evil' }) });
    assert.equal(report.valid, false);
    assert.equal(report.attestation?.signature, 'failed');
    assert.equal(report.attestation?.scope, undefined, 'nothing from an unverified token is presented as fact');
    assert.deepEqual(await verifications(), [], 'an unverifiable token is attributed to nobody');
  });

  it('shows withdrawn after the citizen withdrew, and expired after the expiry', async () => {
    assert.equal(await withdrawConsent(h.ctx, shared.citizenKey, shared.consentId), 'withdrawn');
    const withdrawn = await verify(all());
    assert.deepEqual([withdrawn.valid, withdrawn.status, withdrawn.attestation?.status?.value], [false, 'withdrawn', 1]);
    h.clock.advance(91 * 86_400_000);
    const later = await verify({ attestation: material.attestation });
    assert.equal(later.attestation?.expired, true);
    assert.equal(later.valid, false);
  });

  it('reports expired once the consent ran out, although its status entry is still VALID', async () => {
    h.clock.advance(90 * 86_400_000 + 1000);
    const report = await verify({ attestation: material.attestation });
    assert.deepEqual([report.valid, report.status, report.attestation?.status?.value, report.attestation?.expired], [false, 'expired', 0, true]);
  });

  it('verifies by share link on the page, in the official\'s language, and the citizen sees the verification', async () => {
    const page = await (await fetch(`${h.url}/verify?share=${shared.consentId}&lang=de`)).text();
    assert.ok(page.includes('Gültig'));
    assert.ok(page.includes('Veröffentlichte Nachweis-Schlüssel von Passerelle'));
    await withdrawConsent(h.ctx, shared.citizenKey, shared.consentId);
    const after = await (await fetch(`${h.url}/verify?share=${shared.consentId}`)).text();
    assert.ok(after.includes('Not valid'));
    assert.ok(after.includes('consent withdrawn'));
    assert.deepEqual(await verifications(), ['ok:valid', 'refused:withdrawn']);
    assert.equal((await fetch(`${h.url}/verify?share=00000000-0000-0000-0000-000000000000`)).status, 404);
  });

  it('verifies an upload through the page form (multipart: attestation, credential, document)', async () => {
    const form = new FormData();
    form.append('attestation', material.attestation);
    form.append('credential', material.credential);
    form.append('document', new Blob([new Uint8Array(material.document)], { type: 'application/pdf' }), 'certificate.pdf');
    const response = await fetch(`${h.url}/verify`, { method: 'POST', body: form });
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.ok(page.includes('<strong class="status-valid">Valid</strong>'));
    assert.ok(page.includes('Matches the authority&#39;s credential'));
    const tampered = new FormData();
    tampered.append('attestation', material.attestation);
    tampered.append('document', new Blob([new Uint8Array(flipByte(material.document))]), 'certificate.pdf');
    const refused = await (await fetch(`${h.url}/verify`, { method: 'POST', body: tampered })).text();
    assert.ok(refused.includes('Not valid'));
  });

  it('limits the public verification endpoints per client (W-09): 429 with Retry-After', async () => {
    let last: Response | undefined;
    for (let n = 0; n < 121; n += 1) {
      last = await fetch(`${h.url}/verify`);
      if (last.status === 429) break;
      await last.arrayBuffer();
    }
    assert.equal(last!.status, 429);
    assert.ok(last!.headers.get('retry-after'));
    assert.equal((await last!.text()).includes('Too many requests'), true);
  });

  it('answers 400 when there is nothing to verify', async () => {
    const response = await fetch(`${h.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 400);
    assert.equal((await response.json() as { error: string }).error, 'bad_request');
  });
});
