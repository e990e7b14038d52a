import { createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { assertSameOrigin, cookieName as policyCookieName, cookieOptions, formField, readCookie, sameSecret } from '../../web/csrf.js';

const cookiePath = '/me';
const cookieName = (ctx: AppContext) => policyCookieName(ctx.config, 'pme_csrf', cookiePath);

function tokenFor(ctx: AppContext, browserSecret: string, citizenKey: string): string {
  return createHmac('sha256', ctx.config.secrets.cookieKeys[0]!).update(`me:${citizenKey}:${browserSecret}`).digest('base64url');
}

/**
 * CSRF token of the dashboard's forms: bound to this browser (a random secret in a
 * SameSite=Strict cookie) and to the logged-in citizen, so a token is useless elsewhere.
 */
export function dashboardCsrfToken(ctx: AppContext, req: Request, res: Response, citizenKey: string): string {
  let secret = readCookie(req, cookieName(ctx));
  if (!secret || !/^[A-Za-z0-9_-]{43}$/.test(secret)) {
    secret = randomBytes(32).toString('base64url');
    res.cookie(cookieName(ctx), secret, cookieOptions(ctx.config, cookiePath, 'strict'));
  }
  return tokenFor(ctx, secret, citizenKey);
}

export function checkDashboardCsrf(ctx: AppContext, req: Request, citizenKey: string): void {
  assertSameOrigin(req, { publicOrigin: new URL(ctx.config.publicUrl).origin, acceptRequestHost: true });
  const secret = readCookie(req, cookieName(ctx));
  const expected = secret ? tokenFor(ctx, secret, citizenKey) : undefined;
  if (!sameSecret(formField(req, 'csrf'), expected)) throw new PasserelleError('csrf_failed', 'dashboard csrf token mismatch');
}
