import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { configurationId } from './configurations.js';
import { VciError } from './oauth-error.js';
import { representationConfigurationId } from './representation.js';
import { accessTokenTtlSeconds, preAuthorizedGrant } from './settings.js';
import { consumeCode, issueAccessToken, redeemPreAuthorized, type OfferRow } from './store.js';

const verifierPattern = /^[A-Za-z0-9._~-]{43,128}$/;

function field(req: Request, name: string): string | undefined {
  const value = (req.body as Record<string, unknown> | undefined)?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > 2048) throw new VciError('invalid_request', `The parameter ${name} is malformed.`);
  return value;
}

const offeredConfigurations = (offer: Pick<OfferRow, 'evidence_type' | 'mandate_id'>) => (offer.mandate_id
  ? [representationConfigurationId]
  : [configurationId(offer.evidence_type, 'dc+sd-jwt'), configurationId(offer.evidence_type, 'mso_mdoc')]);

/**
 * The token endpoint (RFC 6749 §3.2, OpenID4VCI 1.0 §6) for both grants. Pre-authorized code:
 * the code and its tx_code redeem the offer once (a wrong tx_code counts against it).
 * Authorization code: the code is consumed first, then client, redirect URI and PKCE (S256)
 * must match; a failed check leaves the code spent. The access token is good once per
 * credential configuration of the offer.
 */
export function tokenEndpoint(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const now = ctx.clock.now();
    const grantType = field(req, 'grant_type');
    let token: string;
    let offerType: string;
    if (grantType === preAuthorizedGrant) {
      const code = field(req, 'pre-authorized_code');
      const txCode = field(req, 'tx_code');
      if (!code) throw new VciError('invalid_request', 'The pre-authorized_code is missing.');
      if (txCode === undefined) throw new VciError('invalid_request', 'This offer requires its tx_code.');
      const outcome = await ctx.db.knex.transaction(async (trx) => {
        const redeemed = await redeemPreAuthorized(trx, code, txCode, now);
        if (!redeemed || redeemed === 'wrong_tx_code') return redeemed;
        return { offer: redeemed, token: await issueAccessToken(trx, redeemed.id, offeredConfigurations(redeemed), now) };
      });
      if (outcome === 'wrong_tx_code') throw new VciError('invalid_grant', 'The transaction code is wrong.');
      if (!outcome) throw new VciError('invalid_grant', 'The pre-authorized code is unknown, expired or already used.');
      token = outcome.token;
      offerType = outcome.offer.evidence_type;
    } else if (grantType === 'authorization_code') {
      const code = field(req, 'code');
      const verifier = field(req, 'code_verifier');
      if (!code) throw new VciError('invalid_request', 'The code is missing.');
      const grant = await consumeCode(ctx.db.knex, code, now);
      if (!grant) throw new VciError('invalid_grant', 'The authorization code is unknown, expired or already used.');
      if (field(req, 'client_id') !== grant.client_id) throw new VciError('invalid_grant', 'The code was issued to another client.');
      if (field(req, 'redirect_uri') !== grant.redirect_uri) throw new VciError('invalid_grant', 'The redirect_uri does not match the authorization request.');
      if (!verifier || !verifierPattern.test(verifier) || createHash('sha256').update(verifier, 'ascii').digest('base64url') !== grant.code_challenge) {
        throw new VciError('invalid_grant', 'The code_verifier does not match the code_challenge.', 'PKCE failed');
      }
      const issued = await ctx.db.knex.transaction(async (trx) => {
        const offer = await trx('evidence_vci_offers').where({ id: grant.offer_id }).first('id', 'evidence_type', 'mandate_id') as Pick<OfferRow, 'id' | 'evidence_type' | 'mandate_id'>;
        return { offer, token: await issueAccessToken(trx, offer.id, offeredConfigurations(offer), now) };
      });
      token = issued.token;
      offerType = issued.offer.evidence_type;
    } else {
      throw new VciError('unsupported_grant_type', 'Only the pre-authorized code and the authorization code grants are supported.');
    }
    res.setHeader('Cache-Control', 'no-store');
    ctx.logger?.info({ evidenceType: offerType, grantType }, 'wallet access token issued');
    res.json({ access_token: token, token_type: 'Bearer', expires_in: accessTokenTtlSeconds });
  };
}
