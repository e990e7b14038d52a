import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import type { OidcPort } from '../ports.js';
import { credentialIssuer } from './configurations.js';
import { authorizationCodeTtlMs } from './settings.js';
import { insertCode, liveOfferByIssuerState, redeemForAuthorization, secret } from './store.js';

const challengePattern = /^[A-Za-z0-9_-]{43}$/;

function param(req: Request, name: string, max = 2048): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > max) throw new PasserelleError('bad_request', `${name} is malformed`);
  return value;
}

/** Wallets are public clients without registration: any absolute URI without fragment, but never script or data. */
function acceptableRedirect(uri: string | undefined): uri is string {
  if (!uri) return false;
  try {
    const url = new URL(uri);
    return url.hash === '' && !['javascript:', 'data:', 'file:', 'vbscript:', 'blob:'].includes(url.protocol)
      && (url.protocol !== 'http:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/**
 * The authorization endpoint of the authorization code flow (OpenID4VCI 1.0 §5, RFC 7636).
 * It serves only offers the citizen made: `issuer_state` names one, and the browser must hold
 * a Passerelle session of the same citizen (otherwise she logs in first and comes back).
 * PKCE with S256 is mandatory. Nothing is redirected before every check passed: without
 * registration a wallet's redirect URI is only as good as the offer it comes with.
 */
export function authorizeEndpoint(ctx: AppContext, oidc: OidcPort) {
  return async (req: Request, res: Response): Promise<void> => {
    res.setHeader('Cache-Control', 'no-store');
    if (param(req, 'response_type') !== 'code') throw new PasserelleError('bad_request', 'response_type must be code');
    const clientId = param(req, 'client_id', 255);
    const redirectUri = param(req, 'redirect_uri');
    if (!clientId) throw new PasserelleError('bad_request', 'client_id is missing');
    if (!acceptableRedirect(redirectUri)) throw new PasserelleError('bad_request', 'redirect_uri is missing or not acceptable');
    if (param(req, 'code_challenge_method') !== 'S256') throw new PasserelleError('bad_request', 'PKCE with S256 is required');
    const challenge = param(req, 'code_challenge');
    if (!challenge || !challengePattern.test(challenge)) throw new PasserelleError('bad_request', 'code_challenge is malformed');
    const issuerState = param(req, 'issuer_state');
    if (!issuerState) throw new PasserelleError('bad_request', 'issuer_state is required: start from an offer on Passerelle');
    const state = param(req, 'state', 512);
    const now = ctx.clock.now();
    const offer = await liveOfferByIssuerState(ctx.db.knex, issuerState, now);
    if (!offer) throw new PasserelleError('not_found', 'no live offer for this issuer_state');

    const session = await oidc.citizenFromSession(req, res);
    if (!session) return void await oidc.startSelfLogin(req, res, req.originalUrl);
    if (session.citizenKey !== offer.citizen_key) throw new PasserelleError('forbidden', 'the offer belongs to another citizen');

    const code = secret();
    const granted = await ctx.db.knex.transaction(async (trx) => {
      if (!(await redeemForAuthorization(trx, offer.id, now))) return false;
      await insertCode(trx, code, { offer_id: offer.id, client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge }, now + authorizationCodeTtlMs);
      return true;
    });
    if (!granted) throw new PasserelleError('not_found', 'the offer was used meanwhile');
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    if (state !== undefined) target.searchParams.set('state', state);
    target.searchParams.set('iss', credentialIssuer(ctx));
    res.redirect(303, target.toString());
  };
}
