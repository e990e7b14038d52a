import { createServer, type Server } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { PasserelleError } from '../core/errors.js';
import { sameSecret } from '../web/csrf.js';

async function send(ctx: AppContext, res: { setHeader(n: string, v: string): void; end(body: string): void; statusCode: number }): Promise<void> {
  const body = await ctx.metrics.registry.metrics();
  res.statusCode = 200;
  res.setHeader('Content-Type', ctx.metrics.registry.contentType);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

/** GET /metrics on the public port, only with `Authorization: Bearer <metrics.token>`. */
export function metricsRoute(ctx: AppContext) {
  const token = ctx.config.metrics.token;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const presented = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !sameSecret(presented, token)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new PasserelleError('invalid_token', 'metrics need the configured token'));
      return;
    }
    await send(ctx, res);
  };
}

/**
 * /metrics on a port of its own (`metrics.port`), for a network only Prometheus reaches: no
 * token, nothing else served there. Closed with the instance.
 */
export async function startMetricsServer(ctx: AppContext, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') {
      send(ctx, res).catch(() => { res.statusCode = 500; res.end(); });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
