import express from 'express';
import type { AppContext } from '../../context.js';
import { servedOverHttps } from '../../web/csrf.js';

/** Small urlencoded forms only: the evidence pages post a handful of short fields. */
export const smallForm = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 20 });

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
    ...(servedOverHttps(ctx.config) ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}
