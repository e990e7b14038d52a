import assert from 'node:assert/strict';
import { formatDateTime, localTime } from '../../src/web/dates.js';
import { html, type SafeHtml } from '../../src/web/html.js';
import { htmlTranslator, supportedLanguages, type MessageTable } from '../../src/web/i18n.js';
import { page } from '../../src/web/layout.js';
import { siteContext } from '../../src/web/site.js';

/** Runs `render` as a request of a deployment in `timeZone` would. */
function inZone<T>(timeZone: string, render: () => T): T {
  let out: T | undefined;
  siteContext({ languages: supportedLanguages, timeZone })({} as never, {} as never, () => { out = render(); });
  return out!;
}

// 2026-12-04 22:50 UTC: 23:50 in Berlin (winter), 17:50 in New York.
const instant = Date.UTC(2026, 11, 4, 22, 50);

describe('web/dates: every time on a page names its time zone, in the page language', () => {
  it('writes an instant in the deployment\'s zone with the zone\'s name in each page language', () => {
    const names = {
      en: 'Central European Time', de: 'Mitteleuropäische Zeit', it: 'Ora dell’Europa centrale', es: 'hora de Europa central',
      fr: 'heure d’Europe centrale', 'sr-Latn': 'Srednjeevropsko vreme', 'sr-Cyrl': 'Средњеевропско време',
    } as const;
    for (const lang of supportedLanguages) {
      const text = inZone('Europe/Berlin', () => formatDateTime(instant, lang));
      assert.ok(text.endsWith(`(${names[lang]})`), `${lang}: ${text}`);
      assert.match(text, /23[:.]50|11[:.]50/, `${lang}: the time in Berlin`);
    }
    assert.equal(inZone('America/New_York', () => formatDateTime(instant, 'de')), '4. Dezember 2026, 17:50 (Nordamerikanische Ostküstenzeit)');
  });

  it('marks each instant on a page with the instant and the zone it is written in, for the browser to rewrite in its own', () => {
    const time = inZone('Europe/Berlin', () => localTime(instant, 'de')) as SafeHtml;
    assert.equal(time.value, '<time datetime="2026-12-04T22:50:00.000Z" data-zone="Europe/Berlin">4. Dezember 2026, 23:50 (Mitteleuropäische Zeit)</time>');
    assert.equal(localTime(null, 'de'), '—');
  });

  it('a page with times loads the script that shows them in the browser\'s zone; a page without does not', () => {
    const withTime = inZone('Europe/Berlin', () => page({ title: 't', lang: 'en', body: html`<p>${localTime(instant, 'en')}</p>` }));
    assert.match(withTime, /<script src="\/static\/local-time\.js" defer><\/script>/);
    assert.doesNotMatch(page({ title: 't', lang: 'en', body: html`<p>no time</p>` }), /local-time\.js/);
  });

  it('a message with a time keeps the <time> markup and escapes everything else', () => {
    const table = { en: { at: 'Done at {time} by {who}' } } as unknown as MessageTable<'at'>;
    const out = inZone('UTC', () => htmlTranslator(table, 'en')('at', { time: localTime(instant, 'en'), who: '<b>x</b>' }));
    assert.match(out.value, /^Done at <time datetime="2026-12-04T22:50:00.000Z" data-zone="UTC">[^<]+<\/time> by &lt;b&gt;x&lt;\/b&gt;$/);
  });
});
