import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.js';

/** oidc-provider's routes (its own router, invisible to Express): the first path segment names them. */
const providerRoutes = new Set(['auth', 'token', 'me', 'jwks', '.well-known', 'session', 'request', 'reg', 'backchannel', 'device']);

/**
 * A bounded route label: the Express route pattern where one matched (`/api/evidence/shares/:consentId`),
 * the provider's endpoint under /oidc, and `unmatched` for everything else (404s from scanners
 * would otherwise create a label per probed path).
 */
export function routeLabel(req: Request, baseUrl: string): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${baseUrl}${route.path}`;
  const [first, second] = req.originalUrl.split('?')[0]!.split('/').slice(1);
  if (first === 'oidc' && second !== undefined && providerRoutes.has(second)) return `/oidc/${second}`;
  if (first === 'healthz' || first === 'readyz') return `/${first}`;
  if (first === 'static') return '/static';
  return 'unmatched';
}

/** Request latency per route, method and status class (passerelle_http_request_duration_seconds). */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    // Routers reset req.baseUrl when they hand back; remember the deepest one seen.
    let baseUrl = '';
    const remember = () => { if (req.route) baseUrl ||= req.baseUrl; };
    res.once('finish', () => {
      remember();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe({ route: routeLabel(req, baseUrl), method: req.method, status: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
    });
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      remember();
      return writeHead(...args);
    }) as Response['writeHead'];
    next();
  };
}
