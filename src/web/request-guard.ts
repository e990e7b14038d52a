import type { NextFunction, Request, Response } from 'express';
import { PasserelleError } from '../core/errors.js';

/**
 * Refuses, before any route runs, a URL no browser sends: a malformed %-escape (which
 * routers and query parsers would otherwise decode each in their own way) or a NUL byte
 * (which PostgreSQL refuses in text, so it would surface as a server error deep inside).
 * Both are the client's mistake: 400, and nothing is read or written.
 */
export function rejectMalformedUrl(req: Request, _res: Response, next: NextFunction): void {
  let decoded: string;
  try {
    decoded = decodeURIComponent(req.originalUrl.replace(/\+/g, ' '));
  } catch (error) {
    next(new PasserelleError('bad_request', 'malformed percent-encoding in the URL', { cause: error }));
    return;
  }
  if (decoded.includes('\0')) {
    next(new PasserelleError('bad_request', 'NUL byte in the URL'));
    return;
  }
  next();
}
