import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { PasserelleError } from '../../core/errors.js';

/**
 * A per-instance limit for public, unauthenticated endpoints that cost real work (signature
 * checks, metadata fetches): enough for officials at a counter, not for a flood (W-09).
 */
export function publicEndpointLimit(perMinute: number) {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req: Request, _res: Response, next: NextFunction) => next(new PasserelleError('rate_limited')),
  });
}
