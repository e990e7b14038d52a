import { instantRefreshTarget } from '../../support/continue-page.js';
import type { TestBrowser } from './browser.js';

export interface DrivenPage { url: string; status: number; body: string }

function unescapeHtml(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The self-submitting form of a SAML HTTP-POST page (Passerelle's or an IdP's), if the page is one. */
export function autoPostForm(body: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form method="post" action="([^"]+)" id="(?:auto-post|saml-post)">/.exec(body);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = unescapeHtml(m[2]!);
  return { action: unescapeHtml(form[1]!), fields };
}

export function hiddenField(body: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(body);
  if (!match) throw new Error(`no hidden ${name} on the page`);
  return unescapeHtml(match[1]!);
}

/**
 * What a browser without JavaScript does, made automatic: follow redirects and instant
 * meta refreshes, submit self-posting SAML forms, until a page that needs the person, or a URL we stop at.
 */
export async function drive(browser: TestBrowser, start: Response, from: string, stopAt: (url: string) => boolean = () => false): Promise<DrivenPage & { stoppedAt?: string }> {
  let response = start;
  let url = from;
  for (let hops = 0; hops < 20; hops += 1) {
    if (response.status >= 300 && response.status < 400) {
      await response.arrayBuffer();
      url = new URL(response.headers.get('location')!, url).href;
      if (stopAt(url)) return { url, status: response.status, body: '', stoppedAt: url };
      response = await browser.get(url);
      continue;
    }
    const body = await response.text();
    const refresh = response.status === 200 ? instantRefreshTarget(body) : undefined;
    if (refresh) {
      url = new URL(refresh, url).href;
      if (stopAt(url)) return { url, status: response.status, body: '', stoppedAt: url };
      response = await browser.get(url);
      continue;
    }
    const form = autoPostForm(body);
    if (!form) return { url, status: response.status, body };
    url = new URL(form.action, url).href;
    response = await browser.post(url, form.fields);
  }
  throw new Error('too many hops');
}
