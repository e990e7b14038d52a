import type { Request, Response } from 'express';
import * as client from 'openid-client';
import { html } from './html.js';
import type { PortalContext } from './portal-context.js';

/**
 * The redirect URI: checks state, iss and the ID token (signature, issuer, audience,
 * nonce, expiry) through openid-client, redeems the code with the PKCE verifier, then
 * fetches userinfo for the same subject.
 */
export function callbackRoute(portal: PortalContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const session = portal.sessions.get(req);
    const pending = session?.pending;
    const t = portal.texts(req, res);
    if (!session || !pending) {
      res.status(400);
      portal.render(req, res, t.loginFailed, html`<div class="error" role="alert"><p>${t.loginFailed}</p></div><p><a href="/">${t.back}</a></p>`);
      return;
    }
    delete session.pending;
    try {
      const config = await portal.relyingParty();
      const currentUrl = new URL(req.originalUrl, portal.publicUrl);
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      session.user = { idToken: tokens.id_token!, accessToken: tokens.access_token, claims: { ...claims }, userinfo: { ...userinfo }, loggedInAt: Date.now() };
      res.redirect(303, '/');
    } catch (error) {
      const cancelled = error instanceof client.AuthorizationResponseError && error.error === 'access_denied';
      res.status(cancelled ? 200 : 502);
      const message = cancelled ? t.loginCancelled : t.loginFailed;
      portal.render(req, res, message, html`<div class="error" role="alert"><p>${message}</p></div><p><a class="button" href="/">${t.back}</a></p>`);
    }
  };
}
