import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { PasserelleError } from '../core/errors.js';

/**
 * Strict defaults for every page: scripts and styles only from our origin, forms only to
 * our origin, no framing. Routes that must auto-post a form to another origin (SAML
 * HTTP-POST binding, OIDC form_post) relax `form-action` for that one response through
 * `autoPostPolicy`, never globally.
 */
export function securityHeaders(options: { https: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        ...(options.https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}

/** CSP for a page that auto-submits one form to `target` with a nonce'd inline script. */
export function autoPostPolicy(target: string): { header: string; nonce: string } {
  const nonce = randomBytes(16).toString('base64');
  const origin = new URL(target).origin;
  const header = [
    "default-src 'none'", `script-src 'nonce-${nonce}'`, "style-src 'self'", `form-action ${origin}`,
    "frame-ancestors 'none'", "base-uri 'none'",
  ].join('; ');
  return { header, nonce };
}

/**
 * Rejects bodies over `maxBytes` from Content-Length alone, before any parser runs. Chunked
 * bodies without a length are limited again by each route's own parser.
 */
export function bodySizeGuard(maxBytes: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(length) && length > maxBytes) {
      req.resume();
      next(new PasserelleError('payload_too_large'));
      return;
    }
    next();
  };
}
