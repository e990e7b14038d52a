import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { withdrawConsent } from '../../src/evidence/consent/withdraw.js';
import { supportedLanguages, type Language } from '../../src/web/i18n.js';
import { foreignStrings } from '../support/catalogues.js';
import { chromiumAvailable, inStep, launchChromium, skipNote, type Chromium } from './support/chromium.js';
import { startDemoStack, type DemoStack } from './support/demo-stack.js';
import { checkHtml } from './support/page-language.js';
import { shareGiuliasCertificate, type SharedCertificate } from './support/shared-certificate.js';

interface Outcome {
  name: string;
  status: number;
  verdict?: RegExp;
  send(lang: Language): Promise<Response>;
  /** The same input for POST /api/verify, whose English `reason`s must not reach the page. */
  api?: () => Record<string, string>;
}

/** Words of a token format that an official need not know (outside <code>), and a bare country code. */
const jargon = [/\b(kid|typ|alg|iss|exp|iat|nbf|jti|cnf|vct|idx|JWT|JWS|JOSE)\b/, /#\d+\s*=/, /\(\s*[A-Z]{2}\s*,/];

/** The prose of the result section: no markup, no <code>. */
function resultText(html: string): string {
  const section = /<section aria-labelledby="result"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
  return section.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, '\'').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/**
 * Every result an official can get at /verify, in every page language, on the stack `npm start`
 * runs: the PDF alone, the credential alone, the share link, a tampered PDF, an expired sharing,
 * a withdrawn one, an unknown or malformed reference, and malformed input (nothing, text that is
 * no attestation or credential, an unreadable form, too much). Each result page is in its
 * language only (no string of another language's catalogue, reasons included) and axe-core finds
 * no violation on it.
 */
describe(`Browser (Chromium): every /verify outcome, in every language, in that language only${skipNote}`, function () {
  this.timeout(600_000);
  let stack: DemoStack;
  let chrome: Chromium;
  let page: Page;
  let shared: SharedCertificate;

  before(async function () {
    if (!chromiumAvailable) {
      this.skip();
      return;
    }
    // Hundreds of verifications from one address: the per-client limit (tested in test/evidence) is raised here.
    stack = await startDemoStack({ config: (config) => ({ ...config, rateLimits: { ...config.rateLimits, verify: { limit: 100_000, windowSeconds: 60 } } }) });
    chrome = await launchChromium();
    page = chrome.context.pages()[0] ?? await chrome.context.newPage();
    page.setDefaultTimeout(15_000);
    await inStep(page, [], 'Giulia shares her certificate with the portal', async () => {
      shared = await shareGiuliasCertificate(stack, page);
    });
  });

  after(async () => {
    await chrome?.close();
    await stack?.close();
  });

  function post(lang: Language, fields: { attestation?: string; credential?: string; document?: Buffer }, raw?: { type: string; body: string }): Promise<Response> {
    const url = `${stack.urls.passerelle}/verify?lang=${lang}`;
    const origin = stack.urls.passerelle;
    if (raw) return fetch(url, { method: 'POST', body: raw.body, headers: { origin, 'content-type': raw.type } });
    const form = new FormData();
    form.set('attestation', fields.attestation ?? '');
    form.set('credential', fields.credential ?? '');
    if (fields.document) form.set('document', new Blob([new Uint8Array(fields.document)], { type: 'application/pdf' }), 'certificate.pdf');
    return fetch(url, { method: 'POST', body: form, headers: { origin } });
  }
  const get = (lang: Language, query: string) => fetch(`${stack.urls.passerelle}/verify?${query}&lang=${lang}`);

  const forged = 'eyJhbGciOiJFUzI1NiJ9.e30.c2ln~';
  /** The credential with the last character of its signature changed. */
  const tamperedCredential = () => shared.credential.replace(/^([^.~]+\.[^.~]+\.[^~]*)(.)(~)/, (_all, head: string, last: string, tilde: string) => head + (last === 'A' ? 'B' : 'A') + tilde);

  const current: Outcome[] = [
    { name: 'PDF only', status: 200, verdict: /status-valid/, send: (lang) => post(lang, { document: shared.pdf }) },
    { name: 'credential only', status: 200, verdict: /status-valid/, send: (lang) => post(lang, { credential: shared.credential }) },
    { name: 'share link', status: 200, verdict: /status-valid/, send: (lang) => get(lang, `share=${shared.consent.id}`) },
    { name: 'tampered PDF', status: 200, verdict: /status-invalid/, send: (lang) => post(lang, { document: shared.tampered }), api: () => ({ document: shared.tampered.toString('base64') }) },
    { name: 'tampered credential', status: 200, verdict: /status-invalid/, send: (lang) => post(lang, { credential: tamperedCredential() }), api: () => ({ credential: tamperedCredential() }) },
    { name: 'unknown reference', status: 404, verdict: /status-invalid/, send: (lang) => get(lang, 'share=00000000-0000-4000-8000-000000000000') },
    { name: 'malformed reference', status: 404, verdict: /status-invalid/, send: (lang) => get(lang, 'share=not%20a%20reference') },
    { name: 'empty form', status: 400, send: (lang) => post(lang, {}) },
    { name: 'text that is no attestation', status: 200, verdict: /status-invalid/, send: (lang) => post(lang, { attestation: forged }), api: () => ({ attestation: forged }) },
    { name: 'text that is no credential', status: 200, verdict: /status-invalid/, send: (lang) => post(lang, { credential: 'not a credential at all' }), api: () => ({ credential: 'not a credential at all' }) },
    { name: 'unreadable form', status: 400, send: (lang) => post(lang, {}, { type: 'multipart/form-data; boundary=x', body: '--y\r\nbroken' }) },
    { name: 'too large', status: 413, send: (lang) => post(lang, { credential: 'x'.repeat(70 * 1024) }) },
  ];

  async function checkOutcomes(lang: Language, outcomes: Outcome[], scratch: Page): Promise<string[]> {
    const foreign = foreignStrings(lang, stack.passerelle.ctx.config);
    const problems: string[] = [];
    for (const outcome of outcomes) {
      const res = await outcome.send(lang);
      const html = await res.text();
      const name = `${lang}: ${outcome.name}`;
      if (res.status !== outcome.status) problems.push(`${name}: HTTP ${res.status}, expected ${outcome.status}`);
      if (outcome.verdict && !outcome.verdict.test(/<section aria-labelledby="result"[\s\S]*?<\/strong>/.exec(html)?.[0] ?? '')) problems.push(`${name}: verdict is not ${outcome.verdict}`);
      problems.push(...await checkHtml(scratch, name, html, lang, foreign));
      const text = resultText(html);
      for (const word of jargon) if (word.test(text)) problems.push(`${name}: "${word.exec(text)![0]}" in the result`);
      if (outcome.api) {
        const report = await (await fetch(`${stack.urls.passerelle}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(outcome.api()) })).json() as { attestation?: { reason?: string }; credential?: { reason?: string } };
        for (const reason of [report.attestation?.reason, report.credential?.reason]) if (reason && text.includes(reason)) problems.push(`${name}: the internal reason "${reason}" is on the page`);
      }
    }
    return problems;
  }

  for (const lang of supportedLanguages) {
    it(`in ${lang}: valid (PDF, credential, share link), tampered, unknown or malformed reference, and malformed input`, async () => {
      assert.deepEqual(await checkOutcomes(lang, current, page), []);
    });
  }

  it('after the sharing period ended: expired, in every language', async () => {
    const clock = stack.passerelle.ctx.clock as { now: () => number };
    const realNow = clock.now;
    clock.now = () => Number(shared.consent.expires_at) + 60_000;
    try {
      const expired = current.slice(0, 3).map((o) => ({ ...o, name: `expired, ${o.name}`, verdict: /status-invalid/ }));
      const problems = [];
      for (const lang of supportedLanguages) problems.push(...await checkOutcomes(lang, expired, page));
      assert.deepEqual(problems, []);
    } finally {
      clock.now = realNow;
    }
  });

  it('after the citizen withdrew: withdrawn, in every language', async () => {
    await withdrawConsent(stack.passerelle.ctx, shared.consent.citizen_key, shared.consent.id);
    const withdrawn = current.slice(0, 3).map((o) => ({ ...o, name: `withdrawn, ${o.name}`, verdict: /status-invalid/ }));
    const problems = [];
    for (const lang of supportedLanguages) problems.push(...await checkOutcomes(lang, withdrawn, page));
    assert.deepEqual(problems, []);
  });
});
