import http from 'node:http';

export interface HttpResult {
  status: number;
  location?: string;
  setCookies: string[];
  contentType: string;
  body: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A plain keep-alive HTTP/1.1 client on loopback (node:http, no redirects followed): cheaper for
 * the driver than fetch, so more of the machine is left to the server under test.
 */
export class HttpClient {
  readonly agent: http.Agent;

  private next = 0;

  /** `spread`: requests to `host` go round-robin to these ports (instances behind one public URL). */
  constructor(maxSockets: number, private readonly spread?: { host: string; ports: number[] }) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(url: string, init: HttpRequest = {}): Promise<HttpResult> {
    const target = new URL(url);
    if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') return Promise.reject(new Error(`the benchmark only talks to loopback, not ${target.host}`));
    if (this.spread && this.spread.ports.length > 1 && target.host === this.spread.host) {
      target.port = String(this.spread.ports[this.next++ % this.spread.ports.length]);
    }
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    return new Promise((resolve, reject) => {
      const req = http.request(target, {
        method: init.method ?? 'GET',
        agent: this.agent,
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: 30_000,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({
          status: res.statusCode ?? 0,
          ...(res.headers.location ? { location: res.headers.location } : {}),
          setCookies: res.headers['set-cookie'] ?? [],
          contentType: res.headers['content-type'] ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timeout: ${init.method ?? 'GET'} ${target.pathname}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

interface StoredCookie { name: string; value: string; path: string; expires?: number }

/** One virtual user's cookies: path-aware, host-only (everything is on 127.0.0.1), expiry honoured. */
export class CookieJar {
  private jar: StoredCookie[] = [];

  header(url: string): string {
    const { pathname } = new URL(url);
    const now = Date.now();
    return this.jar
      .filter((c) => (c.expires === undefined || c.expires > now) && (pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : c.path + '/')))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`).join('; ');
  }

  store(url: string, setCookies: readonly string[]): void {
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
        else if (lower === 'max-age') expires = Date.now() + Number(val) * 1000;
        else if (lower === 'expires' && expires === undefined) expires = new Date(val).getTime();
      }
      this.jar = this.jar.filter((c) => !(c.name === name && c.path === path));
      if (expires === undefined || expires > Date.now()) this.jar.push({ name, value, path, ...(expires !== undefined ? { expires } : {}) });
    }
  }

  clear(): void {
    this.jar = [];
  }
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Attribute values as the HTML escaper wrote them, decoded the way a browser does. */
export function unescapeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return entities[entity.toLowerCase()] ?? whole;
  });
}

/** The value of a hidden or other input by name on a page. */
export function inputValue(html: string, name: string): string | undefined {
  const match = new RegExp(`<input[^>]*\\sname="${name}"[^>]*\\svalue="([^"]*)"`).exec(html);
  return match ? unescapeHtml(match[1]!) : undefined;
}

/** A form on a page, found by the end of its action: its action and the fields a browser would submit by default. */
export function findForm(html: string, actionEnd: string): { action: string; fields: Record<string, string> } | undefined {
  for (const match of html.matchAll(/<form\b[^>]*\saction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)) {
    const action = unescapeHtml(match[1]!);
    if (!action.endsWith(actionEnd)) continue;
    const fields: Record<string, string> = {};
    for (const input of match[2]!.matchAll(/<input\b[^>]*>/g)) {
      const tag = input[0];
      const name = /\sname="([^"]*)"/.exec(tag)?.[1];
      const type = /\stype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
      if (!name || type === 'checkbox' || type === 'radio' || type === 'submit') continue;
      fields[name] = unescapeHtml(/\svalue="([^"]*)"/.exec(tag)?.[1] ?? '');
    }
    for (const select of match[2]!.matchAll(/<select\b[^>]*\sname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
      const options = [...select[2]!.matchAll(/<option\b[^>]*\svalue="([^"]*)"([^>]*)>/g)];
      const chosen = options.find((o) => /\sselected\b/.test(o[2]!)) ?? options[0];
      if (chosen) fields[select[1]!] = unescapeHtml(chosen[1]!);
    }
    return { action, fields };
  }
  return undefined;
}
