import type { Request, Response } from 'express';
import * as client from 'openid-client';
import type { PortalContext } from './portal-context.js';
import { maxPendingLogins } from './session.js';

/**
 * Starts an authorization at Passerelle: code flow, PKCE S256, state and nonce kept in the
 * portal's server-side session, next to those of other tabs. `extra` carries optional parameters such as the country
 * hint (`country=IT`) or evidence `authorization_details` (a JSON string). `step` names the
 * extension whose handler the callback calls (see DemoPortalKit.onCallback).
 */
export async function startLogin(portal: PortalContext, req: Request, res: Response, extra: Record<string, string> = {}, step?: string): Promise<void> {
  const config = await portal.relyingParty();
  const session = portal.sessions.getOrCreate(req, res);
  const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), ...(step ? { step } : {}) };
  session.pending = [...session.pending, pending].slice(-maxPendingLogins);
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: portal.callbackUrl,
    scope: portal.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ui_locales: portal.language(req, res),
    ...(portal.acrValues ? { acr_values: portal.acrValues } : {}),
    ...extra,
  });
  res.redirect(303, url.href);
}

export function loginRoute(portal: PortalContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const country = typeof req.query.country === 'string' && /^[A-Z]{2}$/.test(req.query.country) ? req.query.country : undefined;
    // `?for=organisation`: a login on behalf of an organisation (docs/integration-portal.md).
    const organisation = req.query.for === 'organisation' && portal.theme.texts[portal.language(req, res)]?.organisation !== undefined;
    await startLogin(portal, req, res, { ...(country ? { country } : {}), ...(organisation ? { scope: `${portal.scope} legal_person` } : {}) });
  };
}
