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
    assert.deepEqual(report.sharing, { checked: false, found_by: null }, 'a forged attestation names no sharing that was checked');
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
    assert.ok(page.includes('<strong class="status-valid">Valid: genuine, unaltered, and shared with consent that is still in force</strong>'));
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

  it('an official with only the PDF: the sharing is found by the document digest, checked, and the holder named', async () => {
    const report = await verify({ document: material.document.toString('base64') });
    assert.equal(report.valid, true);
    assert.equal(report.finding, 'valid');
    assert.deepEqual(report.sharing, { checked: true, found_by: 'document' });
    assert.deepEqual(report.holder, { given_name: 'Giulia', family_name: 'Rossi', birthdate: '1988-04-12' });
    assert.equal(report.attestation?.status?.state, 'valid');
    const form = new FormData();
    form.append('document', new Blob([new Uint8Array(material.document)], { type: 'application/pdf' }), 'certificate.pdf');
    const page = await (await fetch(`${h.url}/verify`, { method: 'POST', body: form })).text();
    assert.match(page, /class="status-valid">Valid: /);
    assert.match(page, /<dt>Holder<\/dt><dd><bdi dir="auto">Giulia Rossi<\/bdi><\/dd>/);
    assert.match(page, /<dt>Holder&#39;s date of birth<\/dt><dd>April 12, 1988<\/dd>/);
    assert.match(page, /found by its SHA-256 digest/);
  });

  it('a credential alone is tied to its sharing: after a withdrawal it is never "valid"', async () => {
    const before = await verify({ credential: material.credential });
    assert.deepEqual([before.valid, before.finding, before.sharing.found_by], [true, 'valid', 'credential']);
    await withdrawConsent(h.ctx, shared.citizenKey, shared.consentId);
    const after = await verify({ credential: material.credential });
    assert.deepEqual([after.valid, after.finding, after.status], [false, 'sharing_withdrawn', 'withdrawn']);
    const pdfOnly = await verify({ document: material.document.toString('base64') });
    assert.deepEqual([pdfOnly.valid, pdfOnly.finding], [false, 'sharing_withdrawn']);
  });

  it('what cannot be tied to a sharing is never "valid", and says that consent and status were not checked', async () => {
    const report = await verify({ document: flipByte(material.document).toString('base64') });
    assert.deepEqual([report.valid, report.finding, report.sharing], [false, 'sharing_not_checked', { checked: false, found_by: null }]);
    const form = new FormData();
    form.append('document', new Blob([new Uint8Array(flipByte(material.document))]), 'certificate.pdf');
    const page = await (await fetch(`${h.url}/verify`, { method: 'POST', body: form })).text();
    assert.match(page, /Not confirmed: no sharing at Passerelle matches what you provided, so consent and status could NOT be checked/);
  });

  it('the verdict at the top is the worst finding: a tampered document with a valid attestation reads "document altered"', async () => {
    const report = await verify({ attestation: material.attestation, document: flipByte(material.document).toString('base64') });
    assert.equal(report.finding, 'document_altered');
    const form = new FormData();
    form.append('attestation', material.attestation);
    form.append('document', new Blob([new Uint8Array(flipByte(material.document))]), 'certificate.pdf');
    const page = await (await fetch(`${h.url}/verify`, { method: 'POST', body: form })).text();
    const top = /<strong class="status-invalid">([^<]+)<\/strong>/.exec(page)?.[1];
    assert.equal(top, 'Not valid: the document is not the one that was shared (it was altered or replaced)');
    const result = /<section aria-labelledby="result"[\s\S]*?<\/section>/.exec(page)![0];
    assert.ok(!/JWT|\btyp\b|\balg\b/.test(result.replace(/<[^>]+>/g, ' ')), 'reasons for officials, not JWT jargon');
  });

  it('reasons are written for officials: a forged attestation is explained without JWT terms', async () => {
    const form = new FormData();
    form.append('attestation', 'eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.~');
    const page = await (await fetch(`${h.url}/verify?lang=de`, { method: 'POST', body: form })).text();
    assert.match(page, /Dies ist keine von dieser Passerelle signierte Bestätigung/);
    const result = /<section aria-labelledby="result"[\s\S]*?<\/section>/.exec(page)![0];
    assert.ok(!/JWT|\btyp\b|\balg\b/.test(result.replace(/<[^>]+>/g, ' ')), 'no JWT jargon in the result');
  });

  it('an empty form is shown again with a message in the page language, keeping what was typed; a language switch keeps ?share=', async () => {
    const form = new FormData();
    form.append('credential', '   ');
    form.append('attestation', '');
    const empty = await fetch(`${h.url}/verify?lang=it`, { method: 'POST', body: form });
    assert.equal(empty.status, 400);
    const page = await empty.text();
    assert.match(page, /<html lang="it">/);
    assert.match(page, /role="alert" id="form-error"><p>Niente da verificare/);
    assert.match(page, /<form method="post" action="\/verify"/);
    const kept = new URLSearchParams({ attestation: 'abc<def' });
    const urlencoded = await (await fetch(`${h.url}/verify`, { method: 'POST', body: kept })).text();
    assert.match(urlencoded, /<textarea id="attestation"[^>]*>abc&lt;def<\/textarea>/, 'what was entered is kept');
    const byLink = await (await fetch(`${h.url}/verify?share=${shared.consentId}`)).text();
    assert.ok(byLink.includes(`href="/verify?share=${shared.consentId}&amp;lang=de"`), 'the language switch keeps the share');
  });

  it('an unknown share id gets a clear result with the form, not "page does not exist"', async () => {
    const response = await fetch(`${h.url}/verify?share=00000000-0000-4000-8000-000000000000`);
    assert.equal(response.status, 404);
    const page = await response.text();
    assert.match(page, /Not found: Passerelle knows no sharing with this reference/);
    assert.match(page, /<form method="post" action="\/verify"/);
    const garbled = await (await fetch(`${h.url}/verify?share=not-a-reference`)).text();
    assert.match(garbled, /Not found: Passerelle knows no sharing with this reference/);
  });

  it('answers 400 when there is nothing to verify', async () => {
    const response = await fetch(`${h.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 400);
    assert.equal((await response.json() as { error: string }).error, 'bad_request');
  });
});
