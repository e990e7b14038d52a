import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { PasserelleError } from '../../../core/errors.js';

/**
 * CSRF protection for the interaction forms: the token is an HMAC over the interaction uid
 * and the form's step, under the first cookie key, so it is only valid for this
 * interaction (whose cookie the browser must also present). Requests that say they come
 * from another site are refused before the token is even looked at.
 */
export function csrfToken(secret: string, uid: string, step: string): string {
  return createHmac('sha256', secret).update(`passerelle-interaction-csrf:${uid}:${step}`).digest('base64url');
}

export function checkCsrf(req: Request, secret: string, publicOrigin: string, uid: string, step: string): void {
  const origin = req.headers.origin;
  // Our pages say `Referrer-Policy: no-referrer`, under which browsers send `Origin: null`
  // even for a same-origin form; Sec-Fetch-Site and the token still tell the sites apart.
  if (origin !== undefined && origin !== publicOrigin && origin !== 'null') throw new PasserelleError('csrf_failed', 'form posted from another origin');
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw new PasserelleError('csrf_failed', 'form posted cross-site');
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  const expected = Buffer.from(csrfToken(secret, uid, step));
  const got = Buffer.from(typeof sent === 'string' ? sent : '');
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
    throw new PasserelleError('csrf_failed', 'missing or wrong form token');
  }
}
