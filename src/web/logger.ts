import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { pinoHttp } from 'pino-http';

export type Logger = PinoLogger;

/**
 * Logs never carry personal data or tokens: no query strings (codes, states, tokens),
 * no bodies, no cookies or Authorization headers. Requests are correlated by an id.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
  return pino({
    level,
    base: { service: 'passerelle' },
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
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || (req.url ?? '').startsWith('/static/') },
  });
}
