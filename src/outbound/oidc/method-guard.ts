import type { NextFunction, Request, Response } from 'express';
import { PasserelleError } from '../../core/errors.js';

/**
 * oidc-provider answers a wrong method on a known endpoint with 404; RFC 9700 §2.4 wants
 * 405 (e.g. GET on the token endpoint). Authorization and logout stay GET-only: accepting
 * POST there would need SameSite=None session cookies.
 */
const allowed: Record<string, string> = {
  '/auth': 'GET',
  '/session/end': 'GET',
  '/session/end/confirm': 'POST',
  '/token': 'POST',
  '/token/revocation': 'POST',
  '/request': 'POST',
  '/jwks': 'GET',
  '/.well-known/openid-configuration': 'GET',
};

export function methodGuard(req: Request, res: Response, next: NextFunction): void {
  const allow = Object.hasOwn(allowed, req.path) ? allowed[req.path] : undefined;
  if (!allow || req.method === allow || req.method === 'OPTIONS' || (allow === 'GET' && req.method === 'HEAD')) return next();
  res.setHeader('Allow', allow);
  next(new PasserelleError('method_not_allowed'));
}
