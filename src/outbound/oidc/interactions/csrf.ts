import type { Request } from 'express';
import { PasserelleError } from '../../../core/errors.js';
import { assertSameOrigin, formField, hmacToken, sameSecret } from '../../../web/csrf.js';

/**
 * CSRF protection for the interaction forms: the token is an HMAC over the interaction uid
 * and the form's step, under the first cookie key, so it is only valid for this
 * interaction (whose cookie the browser must also present). Only our public origin may
 * post them (src/web/csrf.ts).
 */
export function csrfToken(secret: string, uid: string, step: string): string {
  return hmacToken(secret, 'passerelle-interaction-csrf', uid, step);
}

export function checkCsrf(req: Request, secret: string, publicOrigin: string, uid: string, step: string): void {
  assertSameOrigin(req, { publicOrigin, acceptRequestHost: false });
  if (!sameSecret(formField(req, '_csrf'), csrfToken(secret, uid, step))) throw new PasserelleError('csrf_failed', 'missing or wrong form token');
}
