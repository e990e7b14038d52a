import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { ModelUnit, runInUnit, type Refusal } from '../storage/model-unit.js';
import { sendError, toPasserelleError } from './error-response.js';

/**
 * Every request runs in a unit of the flow-state rows it reads and writes
 * (src/storage/model-unit.ts), and its answer waits for the unit's writes: the first
 * `write` or `end` of the response is held until they are in the database. When they
 * fail, the answer that was prepared is not sent: the client gets our error answer instead
 * (503 with Retry-After when the database is gone); when a one-time artefact held with them
 * was consumed elsewhere first, the unit's refusal.
 */
export function requestUnit(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const unit = new ModelUnit(ctx.db);
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    type Outcome = true | Refusal | { error: unknown };
    let gate: Promise<Outcome> | undefined;
    let failed = false;
    /** Undefined: nothing held, go ahead now. Otherwise: true once the writes are in, or what to answer instead. */
    const through = (last: boolean): Promise<Outcome> | undefined => {
      if (last) unit.open = false;
      if (!gate && !unit.hasPending()) return undefined;
      const previous: Promise<Outcome> = gate ?? Promise.resolve(true);
      gate = previous.then(async (ok): Promise<Outcome> => {
        if (ok !== true) return ok;
        try {
          return (await unit.flush()) ?? true;
        } catch (error) {
          ctx.logger.error({ name: (error as Error).name, correlationId: String(req.id ?? '') }, 'writing the flow state failed; the answer was withheld');
          return { error };
        }
      });
      return gate;
    };
    const refuse = (instead: Refusal | { error: unknown }) => {
      if (failed) return;
      failed = true;
      res.write = write as Response['write'];
      res.end = end as Response['end'];
      if (!res.headersSent) for (const name of res.getHeaderNames()) if (name !== 'x-request-id') res.removeHeader(name);
      if ('error' in instead) return sendError(req, res, toPasserelleError(instead.error), ctx.logger);
      if (!res.headersSent) {
        res.statusCode = instead.status;
        res.setHeader('Cache-Control', 'no-store');
        for (const [name, value] of Object.entries(instead.headers)) res.setHeader(name, value);
      }
      end(instead.body);
    };
    res.write = ((...args: unknown[]) => {
      const held = through(false);
      if (!held) return write(...args);
      void held.then((ok) => (ok === true ? write(...args) : refuse(ok)));
      return true;
    }) as Response['write'];
    res.end = ((...args: unknown[]) => {
      const held = through(true);
      if (!held) return end(...args);
      void held.then((ok) => (ok === true ? end(...args) : refuse(ok)));
      return res;
    }) as Response['end'];
    runInUnit(unit, next);
  };
}
