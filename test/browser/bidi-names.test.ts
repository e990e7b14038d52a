import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bidiSafe } from '../../src/web/bidi-safe.js';
import { chromiumAvailable, launchChromium, skipNote, type Chromium } from './support/chromium.js';

const stylesheet = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/web/static/passerelle.css'), 'utf8');

/**
 * What the citizen sees (Chromium layout, our stylesheet): a name stored as U+202E + "issor" is shown in its
 * stored order with the override as a visible mark, where the raw character would make it read "rossi".
 */
describe(`Browser (Chromium): names with bidirectional controls are shown in stored order, isolated and marked${skipNote}`, function () {
  this.timeout(60_000);
  let chrome: Chromium;

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    chrome = await launchChromium();
  });
  after(async () => { await chrome?.close(); });

  /** The left edges of each character of `text` inside `#target`, in stored order. */
  async function characterLefts(body: string): Promise<{ lefts: number[]; shown: string }> {
    const page = await chrome.context.newPage();
    await page.setContent(`<!doctype html><html lang="en"><head><style>${stylesheet}</style></head><body><dl class="data"><dt>Family name</dt><dd id="target">${body}</dd></dl></body></html>`);
    const result = await page.evaluate(() => {
      const target = document.getElementById('target')!;
      const walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
      const lefts: number[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if ((node.parentElement as HTMLElement).classList.contains('bidi-control')) continue;
        for (let i = 0; i < (node.textContent ?? '').length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          lefts.push(range.getBoundingClientRect().left);
        }
      }
      return { lefts, shown: target.innerText };
    });
    await page.close();
    return result;
  }

  const increasing = (values: number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

  it('shows "\\u202Eissor" as [U+202E RLO] followed by issor, left to right, not as "rossi"', async () => {
    const raw = await characterLefts('\u202Eissor');
    assert.equal(increasing(raw.lefts), false, 'control: the raw override reverses the letters on screen');
    const safe = await characterLefts(bidiSafe('\u202Eissor').toString());
    assert.equal(safe.shown, '[U+202E RLO]issor');
    assert.equal(increasing(safe.lefts), true, 'the letters appear in stored order');
  });
});
