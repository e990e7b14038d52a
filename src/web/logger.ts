import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';
import type { NextFunction, Request, Response } from 'express';

export type Logger = PinoLogger;

const correlation = new AsyncLocalStorage<string>();

/** The id of the request being handled (X-Request-Id), wherever the code runs on its behalf. */
export function currentCorrelationId(): string | undefined {
  return correlation.getStore();
}

/**
 * Runs the rest of the request in the context of its id, so every log line written while
 * handling it, in any module and after any await, carries `correlationId` (the logger's mixin)
 * without passing the request around.
 */
export function correlationContext(req: Request, _res: Response, next: NextFunction): void {
  correlation.run(String(req.id ?? ''), next);
}

/**
 * Logs never carry personal data or tokens: no query strings (codes, states, tokens),
 * no bodies, no cookies or Authorization headers. Requests are correlated by an id.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return pino({
    level,
    base: { service: 'passerelle' },
    mixin: () => {
      const correlationId = correlation.getStore();
      return correlationId ? { correlationId } : {};
    },
    redact: { paths: ['req.headers', 'res.headers', '*.password', '*.secret', '*.token', '*.SAMLResponse'], remove: true },
  }, options.destination);
}

export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers['x-request-id'];
      // Accept an upstream id only when it is short and harmless; otherwise mint our own.
      const id = typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customProps: (req: IncomingMessage & { id?: unknown }) => ({ correlationId: String(req.id ?? '') }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || (req.url ?? '').startsWith('/static/') },
  });
}
