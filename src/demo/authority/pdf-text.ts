/**
 * pdf-lib's standard fonts encode WinAnsi only, and no font embedder (fontkit) is installed.
 * So Serbian Cyrillic is printed in Serbian Latin script (equally official in Serbia), and the
 * few letters WinAnsi lacks (č, ć, đ, ...) are folded to their base letters. Credentials and
 * JSON data keep the exact spelling; only the printed PDF is folded.
 */
const cyrillicToLatin: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj',
  м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č',
  џ: 'dž', ш: 'š',
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Ђ: 'Đ', Е: 'E', Ж: 'Ž', З: 'Z', И: 'I', Ј: 'J', К: 'K', Л: 'L', Љ: 'Lj',
  М: 'M', Н: 'N', Њ: 'Nj', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', Ћ: 'Ć', У: 'U', Ф: 'F', Х: 'H', Ц: 'C', Ч: 'Č',
  Џ: 'Dž', Ш: 'Š',
};

/** WinAnsi (cp1252) beyond Latin-1. */
const cp1252Extras = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const folds: Readonly<Record<string, string>> = { đ: 'dj', Đ: 'Dj', '\u2212': '-' };

function encodable(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || cp1252Extras.has(char);
}

/** Text that the standard PDF fonts can draw, at most `max` characters. */
export function pdfText(value: string, max = 400): string {
  let out = '';
  for (const original of value.slice(0, max)) {
    const latin = cyrillicToLatin[original] ?? original;
    for (const char of latin) {
      if (encodable(char)) out += char;
      else if (folds[char]) out += folds[char];
      else {
        const base = char.normalize('NFD').replace(/\p{M}/gu, '');
        out += [...base].every(encodable) && base !== '' ? base : /\s/.test(char) ? ' ' : '?';
      }
    }
  }
  return out;
}
