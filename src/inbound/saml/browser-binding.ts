import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Config } from '../../config/schema.js';
import { readCookie, requestCookieName, servedOverHttps } from '../../web/csrf.js';

/**
 * Binds a pending AuthnRequest to the browser that started it: a random value in an
 * HttpOnly cookie, of which only the SHA-256 is stored. A Response posted from another
 * browser (stolen, or pushed into a victim's browser: login CSRF) finds no matching request.
 *
 * The IdP's POST to our ACS is a cross-site navigation in production, so the cookie is
 * SameSite=None (which requires Secure, i.e. an https public URL). On a plain-http loopback
 * demo the IdP and Passerelle are same-site (localhost), so Lax works there.
 */
export const bindingCookieName = 'passerelle_saml';
// Read where a login starts (/interaction/…/country/…) and where it ends (/saml/acs): a second
// tab then reuses this browser's binding instead of replacing it and stranding the first tab.
const cookiePath = '/';
/** `__Host-passerelle_saml` over HTTPS (src/web/csrf.ts). */
const nameFor = (req: Request) => requestCookieName(req, bindingCookieName, cookiePath);

export function hashBinding(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const cookiePattern = /^[A-Za-z0-9_-]{43}$/;

/**
 * This browser's binding: the one its cookie already holds (so logins in two tabs do not
 * cancel each other), or a fresh random one.
 */
export function browserBindingFor(req: Request): { cookieValue: string; hash: string } {
  const existing = readCookie(req, nameFor(req));
  const cookieValue = existing && cookiePattern.test(existing) ? existing : randomBytes(32).toString('base64url');
  return { cookieValue, hash: hashBinding(cookieValue) };
}

function cookieOptions(config: Config) {
  const secure = servedOverHttps(config);
  return { httpOnly: true, secure, sameSite: secure ? ('none' as const) : ('lax' as const), path: cookiePath };
}

export function setBindingCookie(res: Response, config: Config, cookieValue: string): void {
  res.cookie(nameFor(res.req), cookieValue, { ...cookieOptions(config), maxAge: config.saml.requestTtlSeconds * 1000 });
}

/** The stored form of this browser's binding, or undefined without a well-formed cookie. */
export function browserBindingOf(req: Request): string | undefined {
  const value = readCookie(req, nameFor(req));
  return value && cookiePattern.test(value) ? hashBinding(value) : undefined;
}
