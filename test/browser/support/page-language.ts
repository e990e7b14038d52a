import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }

/**
 * The visible words of a page (or of the HTML of a page the browser only passes through),
 * without what is marked as another language (the language switch, a country's own name, a
 * national document's name), code and hidden elements, plus the labels only assistive
 * technology reads. Runs in the browser.
 */
export function pageWords(input: { html?: string; lang: string }): string {
  const doc = input.html ? new DOMParser().parseFromString(input.html, 'text/html') : document;
  const root = doc.documentElement.cloneNode(true) as HTMLElement;
  root.querySelectorAll('script, style, code, pre, [hidden]').forEach((element) => element.remove());
  root.querySelectorAll('[lang]').forEach((element) => { if (element !== root && element.getAttribute('lang') !== input.lang) element.remove(); });
  const labels = [...root.querySelectorAll('*')].flatMap((element) => ['aria-label', 'title', 'alt', 'placeholder', 'data-none'].map((name) => element.getAttribute(name) ?? ''));
  return [root.getAttribute('lang') ?? '', root.textContent ?? '', ...labels].join('\n').replace(/\s+/g, ' ');
}

/** axe-core's violations on the page as it is, one line each. */
export async function axeViolations(target: Page, name: string): Promise<string[]> {
  await target.evaluate(axeSource);
  const result = await target.evaluate(async () => (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe.run());
  return result.violations.map((v) => `${name}: axe ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What gives a page away as not (only) in `lang`: another `<html lang>`, or a string of another language. */
export function languageProblems(name: string, lang: string, words: string, foreign: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  if (!words.startsWith(`${lang} `)) problems.push(`${name}: <html lang> is not ${lang}: ${words.slice(0, 20)}`);
  for (const [string, other] of foreign) if (words.includes(string)) problems.push(`${name}: "${string}" (${other})`);
  return problems;
}

/**
 * Checks a page's HTML on a scratch page: its words (language) and axe-core (on a copy
 * without scripts, which may not run there).
 */
export async function checkHtml(scratch: Page, name: string, html: string, lang: string, foreign: ReadonlyMap<string, string>): Promise<string[]> {
  const problems = languageProblems(name, lang, await scratch.evaluate(pageWords, { html, lang }), foreign);
  await scratch.setContent(html.replace(/<script[\s\S]*?<\/script>/g, ''));
  return [...problems, ...await axeViolations(scratch, name)];
}
