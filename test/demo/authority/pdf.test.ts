import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import { demoAuthorities } from '../../../src/demo/authority/authorities.js';
import { documentKinds } from '../../../src/demo/authority/documents.js';
import { pdfText } from '../../../src/demo/authority/pdf-text.js';
import { defaultDemoRecords } from '../../../src/demo/authority/records.js';
import { renderDocumentPdf, type DocumentPdfInput } from '../../../src/demo/authority/render-pdf.js';
import { pdfTextOf } from '../../evidence/authority/pdf-text.js';

const request = { procedure: 'census-registration', requesterName: 'Santander', requesterId: 'santander-padron', purpose: 'Census', requestId: 'r-1' };

function inputFor(path: string, type: keyof typeof documentKinds, index = 0): DocumentPdfInput {
  const authority = demoAuthorities.find((a) => a.path === path)!;
  const record = defaultDemoRecords()[path]!.filter((r) => r.documents[type])[index]!;
  return {
    authority, kind: documentKinds[type], documentNumber: `${authority.country}-X-1`, issuedOn: '2026-01-15', validUntil: '2026-07-14',
    issuedAt: new Date('2026-01-15T10:00:00Z'),
    subject: { family_name: record.familyName, given_name: record.givenName, birthdate: record.birthDate },
    data: record.documents[type]!, fieldOrder: Object.keys(record.documents[type]!), request,
  };
}

describe('demo authority PDFs', () => {
  it('are byte-for-byte the same for the same input (so a digest is meaningful)', async () => {
    const input = inputFor('it', 'family-composition');
    assert.deepEqual(Buffer.from(await renderDocumentPdf(input)), Buffer.from(await renderDocumentPdf(input)));
  });

  it('render every document every authority issues as a small, parseable PDF with both titles', async () => {
    for (const authority of demoAuthorities) {
      for (const type of authority.evidenceTypes) {
        if (!defaultDemoRecords()[authority.path]!.some((r) => r.documents[type])) continue;
        const bytes = await renderDocumentPdf(inputFor(authority.path, type));
        assert.ok(bytes.length < 20_000, `${authority.id} ${type} is ${bytes.length} bytes`);
        const pdf = await PDFDocument.load(bytes);
        assert.equal(pdf.getCreationDate()?.toISOString(), '2026-01-15T10:00:00.000Z');
        const text = pdfTextOf(bytes);
        assert.ok(text.includes(pdfText(documentKinds[type].nationalTitle[authority.country])), `${authority.id} ${type} national title in: ${text.slice(0, 200)}`);
        assert.ok(text.includes(documentKinds[type].titleEn), `${authority.id} ${type} English title`);
        assert.ok(text.includes('explicit request of the person concerned for the procedure "census-registration", requested by Santander (santander-padron)'));
      }
    }
  });

  it('print Serbian Cyrillic in Serbian Latin, folding letters the standard fonts lack', () => {
    assert.equal(pdfText('Уверење о пребивалишту'), 'Uverenje o prebivalištu');
    assert.equal(pdfText('Извод из матичне књиге рођених'), 'Izvod iz maticne knjige rodjenih');
    assert.equal(pdfText('Petrović Đorđe'), 'Petrovic Djordje');
    assert.equal(pdfText('Lucía García Fernández, 3º B'), 'Lucía García Fernández, 3º B');
    assert.equal(pdfText('line\u0000break\u2028'), 'line?break ');
  });
});
