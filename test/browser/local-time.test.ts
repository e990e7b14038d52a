import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chromiumAvailable, inStep, launchChromium, skipNote, watchPage, type Chromium } from './support/chromium.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';
import { shareGiuliasCertificate, type SharedCertificate } from './support/shared-certificate.js';

interface ShownTime { datetime: string; zone: string; text: string; title: string | null }

/** Every <time> of the page as the citizen sees it (after the page's scripts ran). */
async function shownTimes(page: Page): Promise<ShownTime[]> {
  await page.waitForLoadState('load');
  return page.locator('time').evaluateAll((elements) => elements.map((e) => ({
    datetime: e.getAttribute('datetime') ?? '', zone: e.getAttribute('data-zone') ?? '', text: e.textContent ?? '', title: e.getAttribute('title'),
  })));
}

/** The hours and minutes an instant has in a zone (24-hour clock). */
function clock(datetime: string, timeZone: string): string {
  return new Intl.DateTimeFormat('de', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(datetime));
}

/**
 * Times are written in the deployment's zone, named in the page language, and that is what a
 * browser without JavaScript shows. A browser in another zone shows every time of the page in
 * its own zone, named, with the deployment's text in the title: on /me (tables and sentences)
 * and on an official's /verify result, in German and in Cyrillic Serbian.
 */
describe(`Browser (Chromium): times in the citizen's own time zone where the browser says it, the deployment's named zone otherwise${skipNote}`, function () {
  this.timeout(300_000);
  let stack: DemoStack;
  let newYork: Chromium;
  let page: Page;
  let shared: SharedCertificate;
  const problems: string[] = [];

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    stack = await startDemoStack();
    newYork = await launchChromium({ timezoneId: 'America/New_York' });
    page = newYork.context.pages()[0] ?? await newYork.context.newPage();
    page.setDefaultTimeout(15_000);
    watchPage(page, problems);
    await inStep(page, problems, 'Giulia shares her certificate, from a browser in New York', async () => {
      shared = await shareGiuliasCertificate(stack, page);
    });
  });

  after(async () => {
    await newYork?.close();
    await stack?.close();
  });

  it('a browser in New York: every time on /me and on the withdraw confirmation in Eastern Time, named in German, Berlin time in the title', async () => {
    for (const path of ['/me?lang=de', `/me/consents/${shared.consent.id}/withdraw?lang=de`]) {
      await page.goto(stack.urls.passerelle + path);
      const times = await shownTimes(page);
      assert.ok(times.length >= 2, `${path}: times on the page`);
      for (const time of times) {
        assert.equal(time.zone, 'Europe/Berlin');
        assert.match(time.text, /\(Nordamerikanische Ostküstenzeit\)$/, `${path}: ${time.text}`);
        assert.ok(time.text.includes(clock(time.datetime, 'America/New_York')), `${path}: ${time.text} is the New York time of ${time.datetime}`);
        assert.match(time.title ?? '', /\(Mitteleuropäische Zeit\)$/);
        assert.ok(time.title!.includes(clock(time.datetime, 'Europe/Berlin')));
      }
    }
    assert.deepEqual(problems, []);
  });

  it('a browser in New York: the official\'s result in Cyrillic Serbian names the zone in Cyrillic', async () => {
    await page.goto(`${stack.urls.passerelle}/verify?share=${shared.consent.id}&lang=sr-Cyrl`);
    const times = await shownTimes(page);
    assert.ok(times.length >= 4);
    for (const time of times) {
      assert.match(time.text, /\([\u0400-\u04FF ]+\)$/, time.text);
      assert.ok(time.text.includes(clock(time.datetime, 'America/New_York')), time.text);
      assert.match(time.title ?? '', /\(Средњеевропско време\)$/);
    }
  });

  it('without JavaScript, and in a browser in the deployment\'s zone: the deployment\'s time, its zone named', async () => {
    for (const options of [{ javaScript: false, timezoneId: 'America/New_York' }, { timezoneId: 'Europe/Berlin' }]) {
      const other = await launchChromium(options);
      try {
        const still = other.context.pages()[0] ?? await other.context.newPage();
        await still.goto(`${stack.urls.passerelle}/verify?share=${shared.consent.id}&lang=de`);
        const times = await shownTimes(still);
        assert.ok(times.length >= 4);
        for (const time of times) {
          assert.match(time.text, /\(Mitteleuropäische Zeit\)$/, `${JSON.stringify(options)}: ${time.text}`);
          assert.ok(time.text.includes(clock(time.datetime, 'Europe/Berlin')));
          assert.equal(time.title, null);
        }
      } finally {
        await other.close();
      }
    }
  });
});
