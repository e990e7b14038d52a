import type { Request, Response } from 'express';
import * as client from 'openid-client';
import type { PortalContext } from './portal-context.js';

/** Ends the portal session and sends the browser to Passerelle's RP-initiated logout. */
export function logoutRoute(portal: PortalContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const user = portal.sessions.get(req)?.user;
    portal.sessions.destroy(req, res);
    if (!user) {
      res.redirect(303, '/');
      return;
    }
    const config = await portal.relyingParty();
    const url = client.buildEndSessionUrl(config, { id_token_hint: user.idToken, post_logout_redirect_uri: portal.publicUrl + '/' });
    res.redirect(303, url.href);
  };
}
