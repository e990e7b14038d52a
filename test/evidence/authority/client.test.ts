import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { isPasserelleError, type ErrorCode } from '../../../src/core/errors.js';
import { requestEvidence } from '../../../src/evidence/authority/client.js';
import { pdfTextOf } from './pdf-text.js';
import { lecceRequest, startAuthorityFixture, type AuthorityFixture } from './fixture.js';

async function refusedWith(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isPasserelleError(error), `expected a PasserelleError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

describe('evidence/authority client ⇄ demo issuing authorities (real HTTP)', () => {
  let fixture: AuthorityFixture;
  before(async () => { fixture = await startAuthorityFixture(); });
  after(async () => { await fixture?.close(); });

  const ask = (citizenKey: string, evidenceType: string, authorityId = 'it-anagrafe', overrides = {}) => requestEvidence(fixture.ctx, {
    authorityId, citizen: fixture.citizen(citizenKey, overrides), evidenceType, requestId: randomUUID(), ...lecceRequest,
  });

  it('fetches the Lecce family-composition certificate: a real PDF, verified credential and data listing the child', async () => {
    const fetched = await ask('it-giulia-rossi', 'family-composition');
    assert.equal(fetched.authorityId, 'it-anagrafe');
    assert.equal(fetched.issuer, fixture.authorities.issuers['it-anagrafe']);
    assert.equal(fetched.document.mediaType, 'application/pdf');
    assert.match(fetched.document.filename, /^it-family-composition-IT-FAM-\d{8}-[0-9A-F]{10}\.pdf$/);
    const members = fetched.data.members as Array<Record<string, string>>;
    assert.deepEqual(members.map((m) => `${m.given_name} ${m.family_name} ${m.relationship}`),
      ['Giulia Rossi head', 'Marco Bianchi partner', 'Sofia Bianchi child']);
    assert.ok(fetched.validUntil > fetched.issuedAt);
    assert.equal(fetched.validUntil - fetched.issuedAt, 180 * 86_400_000);
    const pdf = await PDFDocument.load(fetched.document.bytes);
    assert.ok(pdf.getPageCount() >= 1);
    assert.match(pdf.getTitle() ?? '', /Certificato di stato di famiglia/);
    const text = pdfTextOf(fetched.document.bytes);
    for (const expected of ['Certificato di stato di famiglia', 'Certificate of family composition', 'Bianchi Sofia, 2022-09-03',
      'kindergarten-application', 'Kita-Anmeldung Bremerhaven (bremerhaven-kita)', 'explicit request']) {
      assert.ok(text.includes(expected), `PDF text lacks "${expected}"`);
    }
    assert.ok(fetched.document.bytes.length < 20_000, 'the PDF stays small');
  });

  it('maps "no record" (no marriage on record for unmarried partners) to evidence_no_record', async () => {
    await refusedWith(ask('it-giulia-rossi', 'marriage'), 'evidence_no_record');
  });

  it('maps an unknown person identifier to evidence_no_record', async () => {
    await refusedWith(ask('it-giulia-rossi', 'birth', 'it-anagrafe', { personIdentifier: 'IT/DE/XXXXXX00X00X000X' }), 'evidence_no_record');
  });

  it('maps a known identifier with another birth date to evidence_identity_mismatch', async () => {
    await refusedWith(ask('it-giulia-rossi', 'birth', 'it-anagrafe', { dateOfBirth: '1988-04-13' }), 'evidence_identity_mismatch');
  });

  it('maps a known identifier with another name to evidence_identity_mismatch', async () => {
    await refusedWith(ask('it-giulia-rossi', 'birth', 'it-anagrafe', { givenName: 'Giuliana' }), 'evidence_identity_mismatch');
  });

  it('matches names regardless of case and accents', async () => {
    const fetched = await ask('es-lucia-garcia', 'marriage', 'es-registro-civil', { givenName: 'LUCIA', familyName: 'garcia fernandez' });
    assert.equal((fetched.data.spouses as unknown[]).length, 2);
  });

  it('maps a login below the authority\'s minimum LoA to evidence_loa_too_low', async () => {
    await refusedWith(ask('it-giulia-rossi', 'birth', 'it-anagrafe', { loa: 'low' }), 'evidence_loa_too_low');
  });

  it('lets the Serbian authority answer a low-LoA login (its minimum is low) with a diploma', async () => {
    const fetched = await ask('rs-milica-petrovic', 'higher-education-diploma', 'rs-maticne-knjige', { loa: 'low' });
    assert.equal(fetched.data.eqf_level, '7');
    assert.match(pdfTextOf(fetched.document.bytes), /Diploma o stecenom visokom obrazovanju/);
  });

  it('refuses to ask an authority of another country than the citizen\'s', async () => {
    await refusedWith(ask('it-giulia-rossi', 'birth', 'de-melderegister'), 'evidence_unavailable');
  });

  it('refuses an evidence type outside the catalogue before any request is sent', async () => {
    await refusedWith(ask('it-giulia-rossi', 'passport'), 'evidence_type_unknown');
  });

  it('refuses an evidence type the authority does not issue', async () => {
    await refusedWith(ask('it-giulia-rossi', 'higher-education-diploma'), 'evidence_unavailable');
  });
});

describe('evidence/authority client when the authority is down', () => {
  it('answers evidence_unavailable', async () => {
    const fixture = await startAuthorityFixture();
    try {
      await fixture.authorities.close();
      await refusedWith(requestEvidence(fixture.ctx, {
        authorityId: 'it-anagrafe', citizen: fixture.citizen('it-giulia-rossi'), evidenceType: 'birth', requestId: randomUUID(), ...lecceRequest,
      }), 'evidence_unavailable');
    } finally {
      await fixture.close();
    }
  });
});
