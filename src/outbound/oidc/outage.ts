import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { errorCatalogue } from '../../core/errors.js';
import { isDatabaseOutageError, retryAfterSeconds } from '../../web/error-response.js';
import type { Logger } from '../../web/logger.js';

/**
 * A database outage inside oidc-provider's routes is what it is everywhere else: temporary,
 * 503 with Retry-After. oidc-provider answers every failure it did not raise itself as
 * `server_error` (500): pages go through renderError (provider-pages.ts answers the outage
 * there), JSON answers are rewritten here to `temporarily_unavailable` (RFC 6749 §5.2's
 * sibling of §4.1.2.1), which the portal's library understands as "try again later".
 * Registered first, this middleware is the outermost of the provider's, so it also answers
 * an outage thrown by one of our own middlewares outside a route's error handler.
 */
export function answerOutagesWith503(provider: Provider, logger: Logger, unavailablePage: (ctx: KoaContextWithOIDC) => void): void {
  const outages = new WeakSet<object>();
  provider.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => {
    if (isDatabaseOutageError(error)) outages.add(ctx);
  });
  provider.use(async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!isDatabaseOutageError(error)) throw error;
      outages.add(ctx);
      if (ctx.accepts('json', 'html') === 'html') unavailablePage(ctx as KoaContextWithOIDC);
      else ctx.body = {};
    }
    if (!outages.has(ctx)) return;
    logger.error({ code: 'database_unreachable', route: (ctx as KoaContextWithOIDC).oidc?.route }, 'oidc request failed: database unreachable');
    ctx.status = 503;
    ctx.set('Retry-After', String(retryAfterSeconds));
    ctx.set('Cache-Control', 'no-store');
    if (typeof ctx.body === 'object' && ctx.body !== null && !Buffer.isBuffer(ctx.body)) {
      ctx.body = {
        error: 'temporarily_unavailable', error_description: errorCatalogue.database_unreachable.description,
        correlation_id: String((ctx.req as { id?: unknown }).id ?? ''),
      };
    }
  });
}
