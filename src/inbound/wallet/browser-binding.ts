import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Config } from '../../config/schema.js';
import { cookieOptions, readCookie, requestCookieName } from '../../web/csrf.js';

/**
 * Binds a wallet login to the browser that started it: a random value in an HttpOnly cookie,
 * of which only the SHA-256 is stored. Only that browser can finish the login, whichever device
 * the wallet answered from.
 */
const cookiePath = '/wallet';
/** `__Secure-passerelle_wallet` over HTTPS (src/web/csrf.ts). */
const cookieName = (req: Request) => requestCookieName(req, 'passerelle_wallet', cookiePath);
const cookiePattern = /^[A-Za-z0-9_-]{43}$/;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export function bindBrowser(req: Request, res: Response, config: Config): string {
  const existing = readCookie(req, cookieName(req));
  const value = existing && cookiePattern.test(existing) ? existing : randomBytes(32).toString('base64url');
  res.cookie(cookieName(req), value, {
    ...cookieOptions(config, cookiePath),
    maxAge: (config.wallet?.transactionTtlSeconds ?? 300) * 1000,
  });
  return hash(value);
}

export function browserBindingOf(req: Request): string | undefined {
  const value = readCookie(req, cookieName(req));
  return value && cookiePattern.test(value) ? hash(value) : undefined;
}
