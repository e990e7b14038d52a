import { Router } from 'express';
import type { AppContext } from '../context.js';

/**
 * /healthz: the process answers. /readyz: it can serve, with the state of each dependency
 * (database, IdP metadata per country, our certificates). 503 only when one is down (the
 * database); `degraded` answers 200 so that one country's stale metadata does not take every
 * instance out of the load balancer.
 */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    const report = await ctx.readiness.report();
    res.status(report.status === 'unavailable' ? 503 : 200).json({ ...report, database: ctx.db.dialect });
  });
  return router;
}
