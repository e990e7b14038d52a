import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** A wide desktop window and a small phone, the widths the tester checked. */
export const viewports = [{ width: 1280, height: 900 }, { width: 390, height: 844 }] as const;

export interface LayoutProblem { width: number; problem: string }

/**
 * Whether the page fits its window at this width: no sideways scrolling of the page
 * itself, and every table either fits the content column or sits in a scrollable region
 * (`.table-scroll`, keyboard-focusable, named) that does.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    const main = document.querySelector('main')!.getBoundingClientRect();
    for (const [i, table] of [...document.querySelectorAll('main table')].entries()) {
      const region = table.closest('.table-scroll');
      const box = (region ?? table).getBoundingClientRect();
      if (box.right > main.right + 1) problems.push(`table ${i + 1} is wider than the content column (${Math.round(box.right)} > ${Math.round(main.right)})`);
      if (region && (region.getAttribute('tabindex') !== '0' || !region.getAttribute('aria-label') || region.getAttribute('role') !== 'region')) {
        problems.push(`table ${i + 1}: its scroll region is not focusable and named`);
      }
    }
    return problems;
  });
}

/** Checks the layout at every width, and saves a full-page PNG per width when PASSERELLE_SCREENSHOTS names a directory. */
export async function checkLayouts(page: Page, name: string): Promise<LayoutProblem[]> {
  const found: LayoutProblem[] = [];
  const original = page.viewportSize();
  const directory = process.env.PASSERELLE_SCREENSHOTS;
  for (const viewport of viewports) {
    await page.setViewportSize(viewport);
    for (const problem of await layoutProblems(page)) found.push({ width: viewport.width, problem });
    if (directory) {
      mkdirSync(directory, { recursive: true });
      await page.screenshot({ path: path.join(directory, `${name}-${viewport.width}.png`), fullPage: true });
    }
  }
  if (original) await page.setViewportSize(original);
  return found;
}
