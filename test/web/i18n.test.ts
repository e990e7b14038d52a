import assert from 'node:assert/strict';
import type { Request } from 'express';
import { configuredText, matchLanguage, pageLanguage, translator, type MessageTable } from '../../src/web/i18n.js';
import { formatMessage, parseMessage } from '../../src/web/message-format.js';
import { toCyrillic, toLatin } from '../../src/web/serbian-script.js';

function request(query: Record<string, string>, headers: Record<string, string> = {}): Request {
  return { query, headers, secure: false } as unknown as Request;
}

describe('web/i18n: languages, plurals and Serbian scripts', () => {
  it('picks each language\'s plural form with Intl.PluralRules, including Serbian\'s three forms', () => {
    const days = parseMessage('{days, plural, one {# dan} few {# dana} other {# dana}} (do {date})');
    assert.equal(formatMessage(days, 'sr-Latn', { days: 1, date: 'x' }), '1 dan (do x)');
    assert.equal(formatMessage(days, 'sr-Latn', { days: 21, date: 'x' }), '21 dan (do x)');
    assert.equal(formatMessage(days, 'sr-Latn', { days: 3, date: 'x' }), '3 dana (do x)');
    const english = parseMessage('{n, plural, =0 {none} one {# day} other {# days}}');
    assert.deepEqual([0, 1, 2, 1000].map((n) => formatMessage(english, 'en', { n })), ['none', '1 day', '2 days', '1,000 days']);
    assert.throws(() => parseMessage('{n, plural, one {# day}}'), /no "other" branch/);
    assert.throws(() => parseMessage('{n, select, a {x} other {y}}'), /only plural/);
  });

  it('writes Cyrillic Serbian from Latin Serbian, digraphs as one letter, names and acronyms kept in Latin; Cyrillic back to Latin exactly', () => {
    assert.equal(toCyrillic('Ljubljana, Njegoš, džep, Đorđe'), 'Љубљана, Његош, џеп, Ђорђе');
    assert.equal(toCyrillic('Prijavite se na Passerelle svojom eID (SAML, PDF, OpenID Connect)'), 'Пријавите се на Passerelle својом eID (SAML, PDF, OpenID Connect)');
    assert.equal(toLatin('Матичне књиге (демо), Србија'), 'Matične knjige (demo), Srbija');
  });

  it('derives the Cyrillic table from the Latin one, placeholders and plural selectors untouched', () => {
    const table: MessageTable<'k'> = {
      en: { k: '{n, plural, one {# day} other {# days}} for {portal}' }, de: { k: 'x' }, it: { k: 'x' }, es: { k: 'x' }, fr: { k: 'x' },
      'sr-Latn': { k: '{n, plural, one {# dan} few {# dana} other {# dana}} za {portal}' },
    };
    assert.equal(translator(table, 'sr-Cyrl')('k', { n: 2, portal: 'Kita' }), '2 дана за Kita');
    assert.equal(translator(table, 'en')('k', { n: 1, portal: 'Kita' }), '1 day for Kita');
  });

  it('matches browser, portal and link tags to a page language; Serbian without a script is Cyrillic', () => {
    assert.equal(matchLanguage('de-AT'), 'de');
    assert.equal(matchLanguage('sr'), 'sr-Cyrl');
    assert.equal(matchLanguage('sr-RS'), 'sr-Cyrl');
    assert.equal(matchLanguage('sr-Latn-RS'), 'sr-Latn');
    assert.equal(matchLanguage('pt'), undefined);
  });

  it('honours a switch, then a remembered choice, then the portal\'s ui_locales, then Accept-Language', () => {
    assert.equal(pageLanguage(request({}, { 'accept-language': 'pt, it;q=0.8, de;q=0.9' }), undefined), 'de');
    assert.equal(pageLanguage(request({}, { 'accept-language': 'de' }), undefined, { uiLocales: 'pt sr-Latn' }), 'sr-Latn');
    assert.equal(pageLanguage(request({}, { cookie: 'passerelle_lang=fr', 'accept-language': 'de' }), undefined, { uiLocales: 'it' }), 'fr');
    assert.equal(pageLanguage(request({}, { cookie: 'passerelle_lang=%7Eit' }), undefined, { uiLocales: 'es' }), 'es', 'a remembered hint yields to a new one');
    assert.equal(pageLanguage(request({}, { cookie: 'passerelle_lang=%7Eit', 'accept-language': 'de' }), undefined), 'it', 'later pages of the flow keep the hint');
    assert.equal(pageLanguage(request({ lang: 'sr' }, { cookie: 'passerelle_lang=fr' }), undefined), 'sr-Cyrl');
    assert.equal(pageLanguage(request({}, { 'accept-language': 'de' }), undefined, { allowed: ['en', 'it'] }), 'en');
  });

  it('shows a configured name in the page language, Serbian in the page\'s script whichever script it was written in', () => {
    const names = { sr: 'Матичне књиге', en: 'Registry books' };
    assert.equal(configuredText(names, 'sr-Latn'), 'Matične knjige');
    assert.equal(configuredText(names, 'sr-Cyrl'), 'Матичне књиге');
    assert.equal(configuredText({ 'sr-Latn': 'Opština Novi Sad' }, 'sr-Cyrl'), 'Општина Нови Сад');
    assert.equal(configuredText(names, 'de'), 'Registry books');
  });
});
