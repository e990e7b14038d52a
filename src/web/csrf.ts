import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request } from 'express';
import type { Config } from '../config/schema.js';
import { PasserelleError } from '../core/errors.js';

/**
 * Everything a browser form relies on, in one place: our cookies (names, flags, reading),
 * the same-origin check on POSTs, and form tokens compared in constant time. Features keep
 * only what their tokens are bound to (an interaction and step, a flow, a citizen).
 */

/** Cookies are Secure whenever Passerelle is served over HTTPS, whatever the proxy settings. */
export function servedOverHttps(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https://');
}

/**
 * Over HTTPS a cookie scoped to `/` is named `__Host-…` (browsers then refuse it unless it is
 * Secure, host-only and path `/`, so no subdomain or plain-HTTP page can plant it); a cookie
 * with a narrower path cannot be `__Host-` and is named `__Secure-…`.
 */
export function cookieName(config: Pick<Config, 'publicUrl'>, base: string, path: string): string {
  if (!servedOverHttps(config)) return base;
  return path === '/' ? `__Host-${base}` : `__Secure-${base}`;
}

/** The same, for helpers given only a request: createApp records publicUrl in app.locals. */
export function requestCookieName(req: Request, base: string, path: string): string {
  const publicUrl = (req.app?.locals as { publicUrl?: unknown } | undefined)?.publicUrl;
  return cookieName({ publicUrl: typeof publicUrl === 'string' ? publicUrl : '' }, base, path);
}

export function cookieOptions(config: Pick<Config, 'publicUrl'>, path: string, sameSite: 'lax' | 'strict' | 'none' = 'lax'): CookieOptions {
  return { httpOnly: true, sameSite, secure: servedOverHttps(config), path };
}

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface OriginRule {
  /** Our origin, from publicUrl. */
  publicOrigin: string;
  /**
   * Also accept the origin the request itself was sent to (its scheme and Host). The browser
   * sets Host, so a foreign page cannot choose it; this admits a deployment reached under a
   * second name. The interaction forms, which hand over to the portal, do not accept it.
   */
  acceptRequestHost: boolean;
}

/**
 * Cross-site POSTs are refused before any token is looked at: a browser's Sec-Fetch-Site or
 * Origin that is not ours means another site is driving the form. Our pages send
 * `Referrer-Policy: no-referrer`, under which browsers post `Origin: null` even from our own
 * pages; that proves nothing either way, so the form token decides.
 */
export function assertSameOrigin(req: Request, rule: OriginRule): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new PasserelleError('csrf_failed', `sec-fetch-site ${String(site)}`);
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null' || origin === rule.publicOrigin) return;
  if (rule.acceptRequestHost && origin === `${req.protocol}://${req.get('host') ?? ''}`) return;
  throw new PasserelleError('csrf_failed', 'form posted from another origin');
}

/** A form token bound to `parts` under a server secret (stateless: nothing to store). */
export function hmacToken(secret: string, ...parts: string[]): string {
  return createHmac('sha256', secret).update(parts.join(':')).digest('base64url');
}

export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A posted field, only when it is the form's own string (never inherited, never an array). */
export function formField(req: Request, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && Object.hasOwn(body, name) ? body[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}
