import type { NextFunction, Request, Response } from 'express';
import { errorCatalogue, isPasserelleError, PasserelleError, type ErrorCode } from '../core/errors.js';
import { errorMessages } from './error-messages.js';
import { html, SafeHtml } from './html.js';
import { pageLanguage, translator, type Language, type MessageTable } from './i18n.js';
import { page } from './layout.js';
import type { Logger } from './logger.js';

export const errorPageMessages: MessageTable<'title' | 'reference' | 'back'> = {
  en: { title: 'Something went wrong', reference: 'Reference for support', back: 'Return to the service you came from and try again.' },
  de: { title: 'Etwas ist schiefgelaufen', reference: 'Referenz für den Support', back: 'Kehren Sie zum Dienst zurück, von dem Sie kamen, und versuchen Sie es erneut.' },
  it: { title: 'Qualcosa è andato storto', reference: 'Riferimento per l\'assistenza', back: 'Torna al servizio da cui provieni e riprova.' },
  es: { title: 'Algo ha salido mal', reference: 'Referencia para soporte', back: 'Vuelva al servicio del que venía e inténtelo de nuevo.' },
  fr: { title: 'Un problème est survenu', reference: 'Référence pour le support', back: 'Revenez au service d\'où vous venez et réessayez.' },
  'sr-Latn': { title: 'Nešto nije u redu', reference: 'Oznaka za podršku', back: 'Vratite se na uslugu sa koje ste došli i pokušajte ponovo.' },
};

/** HTTP errors raised by Express and its middleware (a missing static file, an undecodable path parameter). */
const clientStatuses: Partial<Record<number, ErrorCode>> = { 400: 'bad_request', 404: 'not_found', 405: 'method_not_allowed', 413: 'payload_too_large' };

/** PostgreSQL's refusal of a NUL byte or of bytes that are not UTF-8 in a text value: the input's fault. */
const invalidTextCodes = new Set(['22021', '22P05']);

/** The database cannot be reached (pool closed or exhausted, connection refused or cut, server shutting down). */
function isDatabaseOutage(e: { code?: unknown; name?: unknown; message?: unknown }): boolean {
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'SQLITE_CANTOPEN'].includes(code)
    || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03'
    || e.name === 'KnexTimeoutError'
    || /Unable to acquire a connection|Connection terminated|database connection is not open|Client was closed/i.test(message);
}

/** Maps anything thrown into a PasserelleError without leaking library text. */
export function toPasserelleError(error: unknown): PasserelleError {
  if (isPasserelleError(error)) return error;
  const e = (error ?? {}) as { type?: string; status?: number; statusCode?: number; code?: unknown; name?: unknown; message?: unknown };
  if (e.type === 'entity.too.large' || e.status === 413) return new PasserelleError('payload_too_large', undefined, { cause: error });
  if (e.type === 'entity.parse.failed' || e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new PasserelleError('bad_request', undefined, { cause: error });
  }
  const status = e.status ?? e.statusCode;
  const client = typeof status === 'number' ? clientStatuses[status] : undefined;
  if (client) return new PasserelleError(client, undefined, { cause: error });
  if (typeof e.code === 'string' && invalidTextCodes.has(e.code)) return new PasserelleError('bad_request', 'text the database refuses (NUL or invalid UTF-8)', { cause: error });
  if (isDatabaseOutage(e)) return new PasserelleError('database_unreachable', undefined, { cause: error });
  return new PasserelleError('internal_error', undefined, { cause: error });
}

/** Whether anything thrown means the database cannot be reached (a temporary outage, answered 503). */
export function isDatabaseOutageError(error: unknown): boolean {
  return toPasserelleError(error).code === 'database_unreachable';
}

/** Seconds a client should wait before trying again after a 503 (the database or an IdP's metadata is away). */
export const retryAfterSeconds = 30;

function wantsJson(req: Request): boolean {
  // The evidence API and the OpenID Provider's back-channel endpoints speak JSON only.
  if (req.path.startsWith('/api/') || /^\/oidc\/(token|me|jwks|\.well-known)(\/|$)/.test(req.path)) return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * The one place that shapes errors on the wire: JSON `{ error, error_description, correlation_id }`
 * for APIs, a readable page for people (with a link back to the portal when the caller knows
 * it). Never library text, stack traces or echoed input.
 */
export function sendError(req: Request, res: Response, error: PasserelleError, logger?: Logger, back?: { href: string; label: string }): void {
  const correlationId = String(req.id ?? '');
  const cause = error.cause as Error | undefined;
  const logLine = { code: error.code, status: error.status, reason: error.message, cause: cause?.message?.slice(0, 300), correlationId };
  if (error.status >= 500) logger?.error(logLine, 'request failed');
  else logger?.warn(logLine, 'request refused');
  if (res.headersSent) return;
  res.status(error.status);
  res.setHeader('Cache-Control', 'no-store');
  if (error.code === 'rate_limited' && !res.hasHeader('Retry-After')) res.setHeader('Retry-After', '60');
  else if (error.status === 503) res.setHeader('Retry-After', String(retryAfterSeconds));
  if (wantsJson(req)) {
    res.json({ error: error.code, error_description: error.publicDescription, correlation_id: correlationId });
    return;
  }
  res.type('html').send(errorPage(pageLanguage(req, undefined), error.code, correlationId, back));
}

/** The error page people see (also for oidc-provider's routes): the code's text in the page language, a way back, the reference for support. */
export function errorPage(lang: Language, code: ErrorCode, correlationId: string, back?: { href: string; label: string } | SafeHtml): string {
  const t = translator(errorPageMessages, lang);
  const action = back === undefined ? html`<p>${t('back')}</p>`
    : back instanceof SafeHtml ? back : html`<p class="actions"><a class="button" href="${back.href}">${back.label}</a></p>`;
  return page({
    title: t('title'),
    lang,
    body: html`<h1>${t('title')}</h1>
<div class="error" role="alert"><p>${translator(errorMessages, lang)(code)}</p></div>
${action}
<p class="muted">${t('reference')}: <code>${correlationId}</code> · ${code}</p>`,
  });
}

export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    sendError(req, res, toPasserelleError(error), logger);
  };
}

export function notFoundHandler(req: Request, res: Response): void {
  sendError(req, res, new PasserelleError('not_found'));
}

export function isKnownErrorCode(code: string): code is ErrorCode {
  return code in errorCatalogue;
}
