import { Router } from 'express';
import type { AppContext } from '../context.js';

/** /healthz: the process answers. /readyz: it can serve, i.e. the database answers. */
export function healthRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    try {
      await ctx.db.knex.raw('select 1');
      res.json({ status: 'ready', database: ctx.db.dialect });
    } catch {
      res.status(503).json({ status: 'unavailable', database: ctx.db.dialect });
    }
  });
  return router;
}
