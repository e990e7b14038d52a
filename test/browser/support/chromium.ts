import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (`.ci/run` installs it); another binary with CHROMIUM_PATH. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const installHint = 'install Debian\'s chromium: apt-get install -y chromium';
export const chromiumAvailable = existsSync(chromiumPath);
/** Appended to a describe title: says why the suite is skipped. */
export const skipNote = chromiumAvailable ? '' : ` — skipped: ${installHint}`;

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile (a real cookie jar, as a citizen's browser has). */
export async function launchChromium(options: { locale?: string; javaScript?: boolean; timezoneId?: string } = {}): Promise<Chromium> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'passerelle-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    locale: options.locale ?? 'en-US',
    acceptDownloads: true,
    javaScriptEnabled: options.javaScript ?? true,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Collects console errors, page errors (CSP violations among them) and failed responses.
 * `expected` lists responses that are part of the story (e.g. a refusal the page shows).
 */
export function watchPage(page: Page, problems: string[], expected: (status: number, url: string) => boolean = () => false): void {
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('response', (response) => {
    const status = response.status();
    if (status >= 400 && !response.url().endsWith('/favicon.ico') && !expected(status, response.url())) problems.push(`${status} ${response.url()}`);
  });
}

/** An error that says where the browser was and what the page said. */
export async function whereAmI(page: Page, error: Error, problems: readonly string[] = []): Promise<Error> {
  const text = await page.locator('body').innerText().catch(() => '(no body)');
  return new Error(`${error.message}\nat ${page.url()}\n${text.slice(0, 800)}\n${problems.join('\n')}`);
}

/** Runs a named step; on failure says where the browser was, what the page said, and what went wrong before. */
export async function inStep(page: Page, problems: readonly string[], name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const wrapped = await whereAmI(page, error as Error, problems);
    wrapped.message = `step "${name}": ${wrapped.message}`;
    throw wrapped;
  }
}
