import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from '../config/schema.js';
import { routeLabel } from './http-metrics.js';

/**
 * Optional OpenTelemetry tracing (config `tracing`, off by default): the SDK with an OTLP/HTTP
 * exporter, loaded only when enabled. Returns the shutdown that flushes pending spans.
 */
export async function startTracing(config: Config): Promise<(() => Promise<void>) | undefined> {
  if (!config.tracing.enabled) return undefined;
  const [{ NodeSDK }, { OTLPTraceExporter }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
  ]);
  const sdk = new NodeSDK({
    serviceName: config.tracing.serviceName,
    traceExporter: new OTLPTraceExporter(config.tracing.endpoint ? { url: config.tracing.endpoint } : {}),
    // Spans come from our own middleware: nothing is patched behind the application's back,
    // and no attribute can pick up a query string, a header or a body.
    instrumentations: [],
  });
  sdk.start();
  return () => sdk.shutdown();
}

/**
 * One server span per request, continuing the caller's trace (W3C `traceparent`), named by the
 * route pattern (never the path with its identifiers), with the status and correlation id.
 * Everything the request does runs inside it, so later spans become its children.
 */
export function traceRequests(req: Request, res: Response, next: NextFunction): void {
  const tracer = trace.getTracer('passerelle');
  const parent = propagation.extract(context.active(), req.headers);
  const span = tracer.startSpan(req.method, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method } }, parent);
  let baseUrl = '';
  const remember = () => { if (req.route) baseUrl ||= req.baseUrl; };
  res.once('finish', () => {
    remember();
    const route = routeLabel(req, baseUrl);
    span.updateName(`${req.method} ${route}`);
    span.setAttributes({ 'http.route': route, 'http.response.status_code': res.statusCode, 'passerelle.correlation_id': String(req.id ?? '') });
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  res.once('close', remember);
  context.with(trace.setSpan(parent, span), next);
}
