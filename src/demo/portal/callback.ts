import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { html } from './html.js';
import type { PortalContext } from './portal-context.js';
import type { LoggedInUser, PortalSession } from './session.js';

export type TokenResponse = Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

/** What an extension does when an authorization it started comes back (see DemoPortalKit.onCallback). */
export interface CallbackStep {
  /** After the code was redeemed; the session's user is the citizen of these tokens. */
  completed(req: Request, res: Response, result: { tokens: TokenResponse; session: PortalSession; user: LoggedInUser }): Promise<void>;
  /** An error response at the redirect URI (e.g. `access_denied`); return false to show the portal's default message. */
  failed?(req: Request, res: Response, error: client.AuthorizationResponseError): boolean;
}

/**
 * The redirect URI: checks state, iss and the ID token (signature, issuer, audience,
 * nonce, expiry) through openid-client, redeems the code with the PKCE verifier, then
 * fetches userinfo for the same subject. An authorization started by an extension
 * (`pending.step`) ends in that extension's handler.
 */
export function callbackRoute(portal: PortalContext, steps: ReadonlyMap<string, CallbackStep> = new Map()) {
  return async (req: Request, res: Response): Promise<void> => {
    const session = portal.sessions.get(req);
    // The state names which of this session's open authorizations answers (two tabs, two logins).
    const state = typeof req.query.state === 'string' ? req.query.state : undefined;
    const pending = session?.pending.find((p) => p.state === state);
    const t = portal.texts(req, res);
    if (!session || !pending) {
      res.status(400);
      portal.render(req, res, t.loginFailed, html`<div class="error" role="alert"><p>${t.loginFailed}</p></div><p><a href="/">${t.back}</a></p>`);
      return;
    }
    session.pending = session.pending.filter((p) => p !== pending);
    const step = pending.step ? steps.get(pending.step) : undefined;
    let tokens: TokenResponse;
    let user: LoggedInUser;
    try {
      const config = await portal.relyingParty();
      const currentUrl = new URL(req.originalUrl, portal.publicUrl);
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      user = { idToken: tokens.id_token!, accessToken: tokens.access_token, claims: { ...claims }, userinfo: { ...userinfo }, loggedInAt: Date.now() };
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError && step?.failed?.(req, res, error)) return;
      const refused = error instanceof client.AuthorizationResponseError ? error.error : undefined;
      const cancelled = refused === 'access_denied' || refused === 'unmet_authentication_requirements';
      res.status(cancelled ? 200 : 502);
      const message = refused === 'unmet_authentication_requirements' ? t.loginLoaTooLow : cancelled ? t.loginCancelled : t.loginFailed;
      portal.render(req, res, message, html`<div class="error" role="alert"><p>${message}</p></div><p><a class="button" href="/">${t.back}</a></p>`);
      return;
    }
    // Someone else logged in through this browser: nothing of the previous person stays.
    if (session.user && session.user.claims.sub !== user.claims.sub) session.extra = {};
    session.user = user;
    if (step) {
      await step.completed(req, res, { tokens, session, user });
      return;
    }
    res.redirect(303, '/');
  };
}
