/**
 * A minimal browser for real-HTTP tests: a cookie jar (names are unique enough in these
 * tests that paths and hosts are ignored), no automatic redirects, form posts.
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();

  constructor(readonly baseUrl: string) {}

  private absolute(url: string): string {
    return url.startsWith('http') ? url : this.baseUrl + url;
  }

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = decodeURIComponent(pair!.slice(index + 1).trim());
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ') };
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.absolute(url), { redirect: 'manual', headers: { ...this.cookieHeader(), ...headers } });
    this.remember(response);
    return response;
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.absolute(url), {
      method: 'POST', redirect: 'manual', body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...this.cookieHeader(), ...headers },
    });
    this.remember(response);
    return response;
  }

  /** Follows 30x responses with GET, the way a browser does after a 303. */
  async follow(response: Response): Promise<Response> {
    let current = response;
    for (let hops = 0; hops < 10 && current.status >= 300 && current.status < 400; hops += 1) {
      await current.arrayBuffer();
      current = await this.get(current.headers.get('location')!);
    }
    return current;
  }
}

/** The CSRF token of the first form on a page (all forms of a page carry the same one). */
export function csrfOf(page: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error('no csrf token on the page');
  return match[1]!;
}

export function locationOf(response: Response): string {
  return response.headers.get('location') ?? '';
}
