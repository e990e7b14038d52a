import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from '../../web/logger.js';
import type { CitizenStore } from './citizen-store.js';

const refusals = [
  'authorization.error', 'grant.error', 'userinfo.error', 'end_session.error', 'backchannel.error',
  'revocation.error', 'pushed_authorization_request.error', 'jwks.error', 'discovery.error',
] as const;

/**
 * oidc-provider reports through events. We log the OAuth error code, the route and the
 * client only: never tokens, codes, parameters or account ids. A full logout also
 * deletes the citizen's attributes at once (they would otherwise expire on their own).
 */
export function observeProvider(provider: Provider, logger: Logger, citizens: CitizenStore): void {
  const route = (ctx: KoaContextWithOIDC | undefined) => ctx?.oidc?.route;
  const client = (ctx: KoaContextWithOIDC | undefined) => ctx?.oidc?.client?.clientId;
  provider.on('server_error', (ctx: KoaContextWithOIDC, error: Error) => {
    logger.error({ route: route(ctx), client: client(ctx), name: error.name }, 'oidc server error');
  });
  for (const event of refusals) {
    provider.on(event as 'authorization.error', (...args: unknown[]) => {
      const ctx = args[0] as KoaContextWithOIDC | undefined;
      const error = args.find((a) => a instanceof Error) as (Error & { error?: string; error_description?: string }) | undefined;
      logger.warn({ event, route: route(ctx), client: client(ctx), error: error?.error ?? error?.name, description: error?.error_description?.slice(0, 200) }, 'oidc request refused');
    });
  }
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => logger.info({ client: client(ctx), grantType: ctx.oidc.params?.grant_type }, 'tokens issued'));
  // The event cannot be awaited, so it hands the deletion to a middleware that holds the
  // answer until it is done: the citizen sees "logged out" only once the attributes are gone.
  const deletions = new WeakMap<object, Promise<void>>();
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    const accountId = ctx.oidc.session?.accountId;
    const everywhere = Boolean((ctx.oidc.params as { logout?: unknown } | undefined)?.logout);
    if (everywhere && accountId) deletions.set(ctx, citizens.remove(accountId));
  });
  provider.use(async (ctx, next) => {
    await next();
    const deletion = deletions.get(ctx);
    if (!deletion) return;
    try {
      await deletion;
    } catch (error) {
      logger.error({ name: (error as Error).name }, 'could not delete citizen attributes at logout');
      throw error;
    }
  });
}
