/**
 * Serbian is written in two scripts with a one-to-one letter correspondence. Passerelle's
 * Serbian texts are written once, in Latin script, and the Cyrillic pages are derived
 * from them here; configured names written in either script are shown in the page's.
 */
const latinToCyrillic: Record<string, string> = {
  a: 'а', b: 'б', c: 'ц', č: 'ч', ć: 'ћ', d: 'д', dž: 'џ', đ: 'ђ', e: 'е', f: 'ф', g: 'г', h: 'х', i: 'и', j: 'ј', k: 'к',
  l: 'л', lj: 'љ', m: 'м', n: 'н', nj: 'њ', o: 'о', p: 'п', r: 'р', s: 'с', š: 'ш', t: 'т', u: 'у', v: 'в', z: 'з', ž: 'ж',
};
const cyrillicToLatin: Record<string, string> = Object.fromEntries(Object.entries(latinToCyrillic).map(([latin, cyrillic]) => [cyrillic, latin]));

/** Names, acronyms and protocol words that stay in Latin script in Cyrillic Serbian text. */
const keptInLatin = new Set(['Passerelle', 'Connect', 'ey']);

function keepsLatin(word: string): boolean {
  return keptInLatin.has(word) || /[qwxyQWXY]/.test(word) || (word.match(/[A-Z]/g)?.length ?? 0) >= 2;
}

function caseLike(source: string, target: string): string {
  if (source === source.toLowerCase()) return target;
  // "Lj" and "LJ" both become "Љ": the first letter decides.
  return target.charAt(0).toUpperCase() + (source.length > 1 && source === source.toUpperCase() && target.length > 1 ? target.slice(1).toUpperCase() : target.slice(1));
}

function wordToCyrillic(word: string): string {
  let out = '';
  for (let i = 0; i < word.length;) {
    const pair = word.slice(i, i + 2);
    const pairTarget = latinToCyrillic[pair.toLowerCase()];
    if (pair.length === 2 && pairTarget) {
      out += caseLike(pair, pairTarget);
      i += 2;
      continue;
    }
    const letter = word.charAt(i);
    const target = latinToCyrillic[letter.toLowerCase()];
    out += target ? caseLike(letter, target) : letter;
    i += 1;
  }
  return out;
}

/** Serbian Latin text in Cyrillic script; foreign names and acronyms (see `keepsLatin`) stay as they are. */
export function toCyrillic(text: string): string {
  return text.replace(/[\p{L}\p{M}]+/gu, (word) => (keepsLatin(word) ? word : wordToCyrillic(word)));
}

/** Serbian Cyrillic text in Latin script (exact: every Cyrillic letter has one Latin spelling). */
export function toLatin(text: string): string {
  return text.replace(/[\u0400-\u04FF]/g, (letter) => {
    const lower = letter.toLowerCase();
    const target = cyrillicToLatin[lower];
    if (!target) return letter;
    return letter === lower ? target : target.charAt(0).toUpperCase() + target.slice(1);
  });
}

export function isCyrillic(text: string): boolean {
  return /[\u0400-\u04FF]/.test(text);
}
