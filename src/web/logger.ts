import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
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

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's correlation id (X-Request-Id), set by requestLogger. */
    id?: string;
  }
}

/**
 * Logs never carry personal data or tokens: no query strings (codes, states, tokens),
 * no bodies, no cookies or Authorization headers. Requests are correlated by an id.
 *
 * Without a destination, lines go to stdout; in production (`NODE_ENV=production`) through
 * an asynchronous buffer written in chunks rather than one synchronous write per line (pino
 * flushes it when the process exits; `close()` of the instance flushes it too). What is lost
 * is at most the last few kilobytes on a hard crash (SIGKILL, power): the price of not paying
 * a system call per line.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  const destination = options.destination
    ?? (process.env.NODE_ENV === 'production' ? pino.destination({ dest: 1, sync: false, minLength: 8192 }) : undefined);
  return pino({
    level,
    base: { service: 'passerelle' },
    mixin: (mergeObject: object) => {
      const correlationId = correlation.getStore();
      // A line that names its correlation id already keeps it (the request line, written after the context ended).
      return correlationId && !('correlationId' in mergeObject) ? { correlationId } : {};
    },
    redact: { paths: ['req.headers', 'res.headers', '*.password', '*.secret', '*.token', '*.SAMLResponse'], remove: true },
  }, destination);
}

/** Writes what the buffer of an asynchronous destination still holds (at shutdown). */
export function flushLogger(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

const unlogged = (url: string) => url === '/healthz' || url === '/readyz' || url.startsWith('/static/');

/**
 * One line per request, written when the response is finished (or the connection closed
 * before): id, method, path without the query, status, time. Nothing is built per request
 * beyond that small object; the level follows the status (5xx error, 4xx warn).
 */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const incoming = req.headers['x-request-id'];
    // Accept an upstream id only when it is short and harmless; otherwise mint our own.
    const id = typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    const url = req.url ?? '';
    if (!unlogged(url)) {
      const started = performance.now();
      const done = () => {
        res.off('finish', done);
        res.off('close', done);
        const status = res.statusCode;
        const line = {
          correlationId: id,
          req: { id, method: req.method, path: url.split('?')[0] },
          res: { status },
          responseTime: Math.round(performance.now() - started),
        };
        if (!res.writableFinished) logger.warn(line, 'request aborted');
        else if (status >= 500) logger.error(line, 'request completed');
        else if (status >= 400) logger.warn(line, 'request completed');
        else logger.info(line, 'request completed');
      };
      res.on('finish', done);
      res.on('close', done);
    }
    next();
  };
}
