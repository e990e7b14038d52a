import assert from 'node:assert/strict';
import { splitBidiControls } from '../../src/core/bidi-controls.js';
import { isolatedName } from '../../src/demo/markup.js';
import { bidiSafe } from '../../src/web/bidi-safe.js';

describe('names with bidirectional controls are shown isolated and with the controls visible', () => {
  it('splits every bidirectional formatting character out of the text, labelled with its code point and abbreviation', () => {
    assert.deepEqual(splitBidiControls('Rossi'), [{ text: 'Rossi' }]);
    assert.deepEqual(splitBidiControls(''), [{ text: '' }]);
    assert.deepEqual(splitBidiControls('\u202Eissor'), [{ control: '\u202E', label: 'U+202E RLO' }, { text: 'issor' }]);
    const all = '\u061C\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    assert.deepEqual(splitBidiControls(`a${all}b`).map((p) => ('label' in p ? p.label.split(' ')[1] : p.text)),
      ['a', 'ALM', 'LRM', 'RLM', 'LRE', 'RLE', 'PDF', 'LRO', 'RLO', 'LRI', 'RLI', 'FSI', 'PDI', 'b']);
    assert.deepEqual(splitBidiControls('\u200D\u00A0\u2028'), [{ text: '\u200D\u00A0\u2028' }], 'other format and space characters are text');
  });

  it('renders an isolate with visible marks and escapes the text, on our pages and in the demo apps alike', () => {
    for (const render of [(v: string) => bidiSafe(v).toString(), (v: string) => isolatedName(v).toString()]) {
      assert.equal(render('Rossi'), '<bdi dir="auto">Rossi</bdi>');
      assert.equal(render('\u202E<b>x</b>'), '<bdi dir="auto"><span class="bidi-control">[U+202E RLO]</span>&lt;b&gt;x&lt;/b&gt;</bdi>');
      assert.doesNotMatch(render('a\u2067b\u2069c'), /[\u2067\u2069]/);
    }
  });
});
