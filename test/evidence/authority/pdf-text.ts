import { inflateSync } from 'node:zlib';

/**
 * The text drawn on a pdf-lib page: inflates each Flate content stream and decodes the hex
 * strings shown with Tj (pdf-lib's standard-font output). Lines joined with newlines.
 */
export function pdfTextOf(bytes: Uint8Array): string {
  const raw = Buffer.from(bytes).toString('latin1');
  const lines: string[] = [];
  const streamPattern = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let match = streamPattern.exec(raw); match; match = streamPattern.exec(raw)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content = Buffer.from(raw.slice(start, end), 'latin1');
    if (/\/FlateDecode/.test(match[1]!)) {
      try {
        content = inflateSync(content);
      } catch {
        continue;
      }
    }
    for (const shown of content.toString('latin1').matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) {
      lines.push(Buffer.from(shown[1]!, 'hex').toString('latin1'));
    }
  }
  return lines.join('\n');
}
