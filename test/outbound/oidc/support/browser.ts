import { instantRefreshTarget } from '../../../support/continue-page.js';

export { continueLink } from '../../../support/continue-page.js';

/**
 * A minimal browser for flow tests over real HTTP: a path-aware cookie jar (host-only, as
 * all test servers share 127.0.0.1), manual redirects, form posts with an Origin header.
 */
interface StoredCookie { name: string; value: string; path: string; expires?: number }

export interface Page {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

export class TestBrowser {
  private readonly jar: StoredCookie[] = [];
  /** Every URL requested, in order (for assertions on hops). */
  readonly visited: string[] = [];

  cookieHeader(url: string): string {
    const { pathname } = new URL(url);
    const now = Date.now();
    return this.jar
      .filter((c) => (c.expires === undefined || c.expires > now) && (pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : c.path + '/')))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`).join('; ');
  }

  cookie(name: string): string | undefined {
    return this.jar.find((c) => c.name === name)?.value;
  }

  cookieNames(): string[] {
    return this.jar.map((c) => c.name);
  }

  private store(url: string, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      let path = new URL(url).pathname.replace(/\/[^/]*$/, '') || '/';
      let expires: number | undefined;
      for (const attribute of attributes) {
        const [key, val = ''] = attribute.trim().split('=');
        const lower = key!.toLowerCase();
        if (lower === 'path') path = val;
        if (lower === 'max-age') expires = Date.now() + Number(val) * 1000;
        if (lower === 'expires' && expires === undefined) expires = new Date(val).getTime();
      }
      const existing = this.jar.findIndex((c) => c.name === name && c.path === path);
      if (existing >= 0) this.jar.splice(existing, 1);
      if (expires === undefined || expires > Date.now()) this.jar.push({ name, value, path, ...(expires !== undefined ? { expires } : {}) });
    }
  }

  async request(url: string, init: RequestInit = {}): Promise<Page> {
    this.visited.push(url);
    const headers = new Headers(init.headers);
    const cookies = this.cookieHeader(url);
    if (cookies) headers.set('cookie', cookies);
    if (!headers.has('accept-language')) headers.set('accept-language', 'en');
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, response.headers.getSetCookie());
    return { url, status: response.status, headers: response.headers, body: await response.text() };
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    return this.request(url, { headers });
  }

  /** Posts a form as a browser would (same-origin Origin header unless told otherwise). */
  post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin, ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Follows redirects from `page` until a page is not a redirect, or the next location
   * satisfies `stop` (typically: it is the portal's redirect URI). Returns the last page
   * fetched and, when stopped, the location it pointed to.
   */
  async follow(page: Page, stop: (location: string) => boolean = () => false): Promise<{ page: Page; stoppedAt?: string }> {
    let current = page;
    for (let hops = 0; hops < 20; hops++) {
      const location = current.status >= 300 && current.status < 400 ? current.headers.get('location') : current.status === 200 ? instantRefreshTarget(current.body) : undefined;
      if (!location) return { page: current };
      const next = new URL(location, current.url).href;
      if (stop(next)) return { page: current, stoppedAt: next };
      current = await this.get(next);
    }
    throw new Error('too many redirects');
  }
}

/** The self-submitting form of a SAML HTTP-POST page (Passerelle's or a demo IdP's), if the page is one. */
export function autoPostForm(body: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form method="post" action="([^"]+)" id="(?:auto-post|saml-post)">/.exec(body);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const m of body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = unescape(m[2]!);
  return { action: unescape(form[1]!), fields };
}

function unescape(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * What a browser does on its own: follow redirects and submit self-posting SAML forms,
 * until a page that needs the person, or a location `stop` accepts.
 */
export async function drive(browser: TestBrowser, page: Page, stop: (location: string) => boolean = () => false): Promise<{ page: Page; stoppedAt?: string }> {
  let step = await browser.follow(page, stop);
  for (let hops = 0; hops < 10 && !step.stoppedAt; hops++) {
    const form = autoPostForm(step.page.body);
    if (!form || step.page.status !== 200) return step;
    step = await browser.follow(await browser.post(new URL(form.action, step.page.url).href, form.fields, { origin: new URL(step.page.url).origin }), stop);
  }
  return step;
}

/** The value of a hidden input in a page. */
export function hiddenInput(body: string, name: string): string | undefined {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(body);
  return match ? unescape(match[1]!) : undefined;
}

/** The action of the first form whose action contains `fragment`. */
export function formAction(body: string, fragment: string): string | undefined {
  const match = [...body.matchAll(/<form[^>]*action="([^"]*)"/g)].find((m) => m[1]!.includes(fragment));
  return match?.[1];
}
