import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { DemoAuthority } from './authorities.js';
import { bilingualLabel, type DemoDocumentKind } from './documents.js';
import { explicitRequestLines, formatValue } from './pdf-content.js';
import { pdfText } from './pdf-text.js';

export interface DocumentPdfInput {
  authority: DemoAuthority;
  kind: DemoDocumentKind;
  documentNumber: string;
  /** ISO dates. */
  issuedOn: string;
  validUntil: string;
  /** Drawn into the PDF's metadata dates, so equal inputs give equal bytes. */
  issuedAt: Date;
  subject: { family_name: string; given_name: string; birthdate: string };
  data: Record<string, unknown>;
  fieldOrder: readonly string[];
  request: { procedure: string; requesterName: string; requesterId: string; purpose: string; requestId: string };
}

const margin = 56;
const width = 595.28;
const height = 841.89;

/** A one-or-two-page A4 certificate: national title and English title, the record, the explicit-request line. */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const nationalTitle = input.kind.nationalTitle[input.authority.country];
  doc.setTitle(pdfText(`${nationalTitle} / ${input.kind.titleEn}`));
  doc.setAuthor(pdfText(input.authority.name.national));
  doc.setSubject(pdfText(input.documentNumber));
  doc.setProducer('Passerelle demo issuing authority');
  doc.setCreator('Passerelle demo issuing authority');
  doc.setCreationDate(input.issuedAt);
  doc.setModificationDate(input.issuedAt);
  doc.setLanguage(input.authority.lang);

  const writer = new PageWriter(doc, regular, bold);
  const lang = input.authority.lang;
  writer.line(`${input.authority.name.national} · ${input.authority.name.en}`, { size: 10, bold: true });
  writer.gap(18);
  writer.line(nationalTitle, { size: 18, bold: true });
  writer.line(input.kind.titleEn, { size: 13 });
  writer.gap(12);
  writer.field(bilingualLabel('document_number', lang), input.documentNumber);
  writer.field(bilingualLabel('issued', lang), input.issuedOn);
  writer.field(bilingualLabel('valid_until', lang), input.validUntil);
  writer.gap(12);
  writer.line(bilingualLabel('person', lang), { size: 12, bold: true });
  writer.field(bilingualLabel('family_name', lang), input.subject.family_name);
  writer.field(bilingualLabel('given_name', lang), input.subject.given_name);
  writer.field(bilingualLabel('birthdate', lang), input.subject.birthdate);
  writer.gap(12);
  for (const name of input.fieldOrder) {
    const value = input.data[name];
    if (value === undefined) continue;
    const lines = formatValue(value, lang);
    if (lines.length === 1) writer.field(bilingualLabel(name, lang), lines[0]!);
    else {
      writer.line(`${bilingualLabel(name, lang)}:`, { bold: true });
      for (const text of lines) writer.line(`• ${text}`, { indent: 14 });
    }
  }
  writer.gap(18);
  for (const text of explicitRequestLines(input.authority, input.request)) writer.line(text, { size: 9 });
  writer.gap(18);
  writer.line('DEMO DOCUMENT: invented data, not valid for any official use.', { size: 9, bold: true, color: 0.6 });
  return doc.save();
}

class PageWriter {
  private page: PDFPage;
  private y = height - margin;

  constructor(private readonly doc: PDFDocument, private readonly regular: PDFFont, private readonly bold: PDFFont) {
    this.page = doc.addPage([width, height]);
  }

  gap(points: number): void {
    this.y -= points;
  }

  field(label: string, value: string): void {
    this.line(`${label}: ${value}`);
  }

  /** Draws `text`, wrapping at word boundaries; starts a new page when the current one is full. */
  line(text: string, options: { size?: number; bold?: boolean; indent?: number; color?: number } = {}): void {
    const size = options.size ?? 11;
    const font = options.bold ? this.bold : this.regular;
    const maxWidth = width - 2 * margin - (options.indent ?? 0);
    for (const row of wrap(pdfText(text), font, size, maxWidth)) {
      if (this.y < margin + size) {
        this.page = this.doc.addPage([width, height]);
        this.y = height - margin;
      }
      this.y -= size * 1.35;
      const shade = options.color ?? 0;
      this.page.drawText(row, { x: margin + (options.indent ?? 0), y: this.y, size, font, color: rgb(shade, shade * 0.2, 0) });
    }
  }
}

function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const rows: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth || !current) current = candidate;
    else {
      rows.push(current);
      current = word;
    }
  }
  if (current) rows.push(current);
  return rows.length > 0 ? rows : [''];
}
