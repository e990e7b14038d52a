import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../../config/schema.js';

/**
 * oidc-provider builds absolute URLs (discovery, redirects, form actions) from the request's
 * scheme and Host, and refuses Secure cookies on what it thinks is plain HTTP. Before a request
 * reaches it, the scheme and host are set to publicUrl's, so neither a forged `Host:
 * evil.example` nor a missing X-Forwarded-Proto changes what we publish or how cookies are set.
 * (The client address is not touched: rate limits read it from the trusted proxy chain.)
 */
export function publicRequest(config: Config) {
  const publicUrl = new URL(config.publicUrl);
  const scheme = publicUrl.protocol.slice(0, -1);
  return (req: Request, _res: Response, next: NextFunction): void => {
    req.headers.host = publicUrl.host;
    req.headers['x-forwarded-proto'] = scheme;
    delete req.headers['x-forwarded-host'];
    delete req.headers.forwarded;
    next();
  };
}
