import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const catalogue = readFileSync('docs/security.md', 'utf8');
/** Rows of the catalogue: id → the row's text. */
const rows = new Map(catalogue.split('\n').flatMap((line) => {
  const match = /^\| ([SOVWI]-\d{2}) \|/.exec(line);
  return match ? [[match[1]!, line] as const] : [];
}));

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every threat id a test file names (`S-22`, `O-12`, `V-03`, `W-04`, with an optional case letter: `S-38b`). */
function threatIds(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of testFiles('test')) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\b([SOVWI]-\d{2}[a-z]?)\b/g)) {
      const files = found.get(match[1]!) ?? [];
      if (!files.includes(file)) files.push(file);
      found.set(match[1]!, files);
    }
  }
  return found;
}

describe('docs/security.md: the threat catalogue the tests refer to', () => {
  it('has each id once, in order within its layer', () => {
    const ids = catalogue.split('\n').flatMap((line) => /^\| ([SOVWI]-\d{2}) \|/.exec(line)?.[1] ?? []);
    assert.equal(new Set(ids).size, ids.length, 'no id twice');
    for (const layer of ['S', 'O', 'V', 'W', 'I']) {
      const numbers = ids.filter((id) => id.startsWith(layer)).map((id) => Number(id.slice(2)));
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), `${layer} rows in order`);
    }
  });

  it('every threat id named in a test resolves to a row (and a case letter to a lettered case of that row)', () => {
    const ids = threatIds();
    assert.ok(ids.size > 50, `the tests name threat ids (${ids.size} found)`);
    const unresolved: string[] = [];
    for (const [id, files] of ids) {
      const row = rows.get(id.slice(0, 4));
      const letter = id.slice(4);
      if (!row || (letter && !row.includes(`(${letter})`))) unresolved.push(`${id} (${files.join(', ')})`);
    }
    assert.deepEqual(unresolved, []);
  });
});
