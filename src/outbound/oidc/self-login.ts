import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type Provider from 'oidc-provider';
import { PasserelleError } from '../../core/errors.js';
import type { AppContext } from '../../context.js';
import { cookieName, cookieOptions as policyCookieOptions, readCookie } from '../../web/csrf.js';
import { selfLoginCallbackPath, selfLoginCallbackUrl } from './client-metadata.js';
import { KnexAdapter } from './knex-adapter.js';
import { selfClientId } from './portals.js';
import { interactionTtlSeconds } from './ttl.js';


/** Only a path on our own origin: "/x", never "//host", "/\host" or a scheme. */
export function safeReturnPath(returnTo: unknown): string | undefined {
  if (typeof returnTo !== 'string' || !returnTo.startsWith('/') || returnTo.length > 512) return undefined;
  if (returnTo.startsWith('//') || returnTo.includes('\\') || [...returnTo].some((ch) => ch.charCodeAt(0) < 0x20)) return undefined;
  const parsed = new URL(returnTo, 'http://passerelle.invalid');
  return parsed.origin === 'http://passerelle.invalid' ? parsed.pathname + parsed.search : undefined;
}

/**
 * The citizen's own dashboard logs in through the OP like any portal would (built-in
 * public client `passerelle-self`, code + PKCE), so there is one login and one session.
 * The callback only needs the session the authorization established: it checks the state
 * against this browser's cookie, discards the code and returns to the relative path.
 */
export function selfLogin(ctx: AppContext, provider: () => Provider) {
  const pending = new KnexAdapter(ctx.db, ctx.clock, 'PasserelleSelfLogin');
  const stateCookie = cookieName(ctx.config, 'passerelle.self-login', selfLoginCallbackPath);
  const cookieOptions = policyCookieOptions(ctx.config, selfLoginCallbackPath);

  async function start(req: Request, res: Response, returnTo: string): Promise<void> {
    const path = safeReturnPath(returnTo);
    if (!path) throw new PasserelleError('bad_request', 'returnTo must be a relative path on this site');
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(32).toString('base64url');
    await pending.upsert(state, { returnTo: path } as never, interactionTtlSeconds);
    res.cookie(stateCookie, state, { ...cookieOptions, maxAge: interactionTtlSeconds * 1000 });
    const query = new URLSearchParams({
      client_id: selfClientId, response_type: 'code', scope: 'openid', redirect_uri: selfLoginCallbackUrl(ctx.config), state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    });
    res.status(303).setHeader('Location', `/oidc/auth?${query.toString()}`);
    res.end();
  }

  async function callback(req: Request, res: Response): Promise<void> {
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    if (!state || readCookie(req, stateCookie) !== state) throw new PasserelleError('login_flow_expired', 'self-login state does not match this browser');
    const stored = await pending.find(state) as { returnTo?: string; consumed?: number } | undefined;
    if (!stored?.returnTo || stored.consumed || !(await pending.consumeOnce(state))) throw new PasserelleError('login_flow_expired', 'self-login already completed');
    const code = typeof req.query.code === 'string' ? req.query.code : undefined;
    if (code) {
      // The session is what the dashboard needs; the code would only be a loose end.
      const found = await provider().AuthorizationCode.find(code);
      if (found?.clientId === selfClientId) await found.destroy();
    }
    res.clearCookie(stateCookie, cookieOptions);
    res.status(303).setHeader('Location', safeReturnPath(stored.returnTo) ?? '/');
    res.setHeader('Cache-Control', 'no-store');
    res.end();
  }

  return { start, callback };
}
