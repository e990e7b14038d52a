import type { NextFunction, Request, Response } from 'express';

/** Discovery and JWKS change only when keys rotate; a short shared cache spares the provider. */
const cacheable = /^\/(\.well-known\/openid-configuration|jwks)$/;

/**
 * Cache-Control for the provider's public documents (oidc-provider sets none): portals and
 * caches may keep them five minutes, so a rotated key is picked up promptly. Everything else
 * the provider answers is per request and not cached by default.
 */
export function publicCaching(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' && cacheable.test(req.path)) res.setHeader('Cache-Control', 'public, max-age=300');
  next();
}
