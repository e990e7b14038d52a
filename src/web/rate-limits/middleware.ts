import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { scheduleSharedJob } from '../../storage/scheduled-job.js';
import { BatchedRateCounter } from './batched-counter.js';
import { RateCounter, type Count } from './counter.js';
import { guessesCredentials, limitFor, windowOf } from './rules.js';

const purgeEveryMs = 5 * 60_000;

function refuse(res: Response, next: NextFunction, count: Count, limit: string): void {
  res.setHeader('Retry-After', String(count.retryAfterSeconds));
  next(new PasserelleError('rate_limited', `${limit} limit reached`));
}

/**
 * Holds a 401 answer until the failure is counted, so the client's next attempt (on any
 * instance) already sees it: guessing in a tight loop gains nothing from the race.
 */
function countFailureBeforeAnswering(res: Response, count: () => Promise<void>): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    if (res.statusCode !== 401) return end(...args);
    void count().finally(() => end(...args));
    return res;
  }) as Response['end'];
}

/**
 * Rate limits on every public endpoint, shared by all instances through the database
 * (docs/operations.md lists them). The client is `req.ip`, i.e. the address the configured
 * trusted proxy chain reports: a client cannot choose it by sending its own X-Forwarded-For.
 * Besides the request limits, answers of 401 where credentials are presented (wrong client
 * secret, unknown bearer token) count as failures, and a client with too many is refused
 * everywhere it could keep guessing until its window ends. Far below a limit the counts are
 * written in batches (batched-counter.ts): no statement per request; near it, exact.
 */
export function rateLimits(ctx: AppContext) {
  const { config } = ctx;
  const stored = new RateCounter(ctx.db, ctx.clock, `rate-limits:${config.secrets.pairwiseSecret}`);
  const counter = new BatchedRateCounter(stored, ctx.clock, 1000, (error) => ctx.logger.warn({ name: error.name }, 'writing rate-limit counts failed'));
  if (config.rateLimits.enabled) {
    scheduleSharedJob(ctx, { name: 'rate-limit-counters', intervalMs: purgeEveryMs, run: async () => { await stored.purge(); } });
    // Before the database closes: what was counted in memory is written.
    ctx.onClose.unshift(() => counter.close());
  }
  const failures = windowOf(config, 'authFailures');

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const name = config.rateLimits.enabled ? limitFor(req.path) : undefined;
    if (!name) return next();
    const client = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    try {
      if (guessesCredentials(req.path)) {
        const failed = await counter.peek('authFailures', client, failures);
        if (failed.hits >= failures.limit) return refuse(res, next, failed, 'authentication failure');
        countFailureBeforeAnswering(res, () => counter.hit('authFailures', client, failures, true).then(() => undefined, (error: Error) => {
          ctx.logger.warn({ name: error.name }, 'counting a failed authentication failed');
        }));
      }
      const window = windowOf(config, name);
      const count = await counter.hit(name, client, window);
      if (count.hits > window.limit) return refuse(res, next, count, name);
    } catch (error) {
      // The database is also what every endpoint needs: when it fails, the request will fail
      // on its own; refusing here would only hide the cause.
      ctx.logger.warn({ name: (error as Error).name }, 'rate-limit counter unavailable');
    }
    next();
  };
}
