import { timingSafeEqual } from 'node:crypto';
import express, { type Request } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';

/** Small urlencoded forms only: the evidence pages post a handful of short fields. */
export const smallForm = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });

/**
 * Cross-site POSTs are refused before any token is looked at: a browser's Sec-Fetch-Site or
 * Origin that is not ours means another site is driving the form. Our pages send
 * `Referrer-Policy: no-referrer`, under which browsers post `Origin: null`; that alone proves
 * nothing either way, so the CSRF token decides.
 */
export function assertSameOrigin(ctx: AppContext, req: Request): void {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new PasserelleError('csrf_failed', `sec-fetch-site ${String(site)}`);
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return;
  const allowed = new Set([new URL(ctx.config.publicUrl).origin, `${req.protocol}://${req.get('host') ?? ''}`]);
  if (!allowed.has(origin)) throw new PasserelleError('csrf_failed', 'foreign origin');
}

export function formField(req: Request, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && Object.hasOwn(body, name) ? body[name] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Cookies are Secure whenever Passerelle is served over HTTPS. */
export function secureCookies(ctx: AppContext): boolean {
  return ctx.config.publicUrl.startsWith('https://');
}

/**
 * Content-Security-Policy for a page whose forms end in a redirect to the portal (share,
 * decline → /oidc/auth/… → the portal's redirect URI). Browsers apply `form-action` to every
 * redirect after a form submission, so the portal's registered redirect origins are allowed
 * here, and only here; the rest matches the site-wide policy.
 */
export function portalFormPolicy(ctx: AppContext, clientId: string): string {
  const origins = new Set<string>();
  for (const uri of ctx.config.portals.find((p) => p.clientId === clientId)?.redirectUris ?? []) {
    try {
      origins.add(new URL(uri).origin);
    } catch {
      // not a URL: cannot be a form destination
    }
  }
  return [
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
    "connect-src 'self'", `form-action 'self'${[...origins].map((o) => ' ' + o).join('')}`,
    "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
    ...(secureCookies(ctx) ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
