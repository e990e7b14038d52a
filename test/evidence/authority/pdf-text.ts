import { inflateSync } from 'node:zlib';

/**
 * The text drawn on a pdf-lib page: inflates each Flate content stream and decodes the hex
 * strings shown with Tj (pdf-lib's standard-font output). Wrapped lines are joined with spaces, so sentences read whole.
 */
/**
 * The standard fonts' WinAnsi encoding is Windows-1252: Latin-1 plus š, ž, €, ... in 0x80–0x9F.
 * (Node 20's TextDecoder('windows-1252') drops that range, so it is spelled out here.)
 */
const cp1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = { decode: (bytes: Buffer) => [...bytes].map((b) => (b >= 0x80 && b <= 0x9f ? cp1252High[b - 0x80]! : String.fromCharCode(b))).join('') };

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
      lines.push(winAnsi.decode(Buffer.from(shown[1]!, 'hex')));
    }
  }
  return lines.join(' ');
}
