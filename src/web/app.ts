import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { AppContext } from '../context.js';
import { requestUnit } from './answer-gate.js';
import { errorHandler, notFoundHandler } from './error-response.js';
import { healthRouter } from './health.js';
import { httpMetrics } from '../observability/http-metrics.js';
import { metricsRoute } from '../observability/metrics-endpoint.js';
import { traceRequests } from '../observability/tracing.js';
import { correlationContext, requestLogger } from './logger.js';
import { rateLimits } from './rate-limits/middleware.js';
import { rejectMalformedUrl } from './request-guard.js';
import { bodySizeGuard, securityHeaders } from './security.js';
import { siteContext } from './site.js';

const staticDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');

/** A feature mounts its routes on the app; features are listed in src/features.ts. */
export type Feature = (app: Express, ctx: AppContext) => void | Promise<void>;

/** The largest body any route accepts; individual routes parse with tighter limits. */
export function maxBodyBytes(ctx: AppContext): number {
  return Math.max(ctx.config.saml.maxResponseBytes, 64 * 1024);
}

export async function createApp(ctx: AppContext, features: readonly Feature[]): Promise<Express> {
  const app = express();
  app.disable('x-powered-by');
  app.locals.publicUrl = ctx.config.publicUrl;
  app.set('trust proxy', ctx.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(httpMetrics(ctx.metrics));
  if (ctx.config.tracing.enabled) app.use(traceRequests);
  app.use(requestLogger(ctx.logger));
  app.use(correlationContext);
  const { operator, languages, timeZone } = ctx.config;
  app.use(siteContext({ languages, timeZone, ...(operator ? { operator } : {}) }));
  app.use(securityHeaders({ https: ctx.config.publicUrl.startsWith('https://') }));
  app.use(rejectMalformedUrl);
  app.use(bodySizeGuard(maxBodyBytes(ctx)));
  app.use(healthRouter(ctx));
  app.use('/static', express.static(staticDir, { index: false, maxAge: '1h', fallthrough: false }));
  app.use(rateLimits(ctx));
  app.use(requestUnit(ctx));
  if (ctx.config.metrics.token) app.get('/metrics', metricsRoute(ctx));
  for (const feature of features) await feature(app, ctx);
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
