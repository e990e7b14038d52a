import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { mandateSource } from '../mandate/wallet-credential.js';
import { allocateStatusEntry } from '../status/lists.js';
import { appendToTracker } from '../tracker/log.js';
import { configurationById, credentialIssuer } from './configurations.js';
import { denied, evidenceSource } from './issuance-source.js';
import { checkKeyProofs } from './key-proofs.js';
import { VciError } from './oauth-error.js';
import { representationConfigurationId } from './representation.js';
import { consumeNonce, consumeToken, findOffer, insertCredential, lockLiveOffer, tokenGrant } from './store.js';

function bearerToken(req: Request): string {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header);
  if (!match) throw new VciError('invalid_token', 'A Bearer access token is required.', 'no bearer token');
  return match[1]!;
}

/**
 * The credential endpoint (OpenID4VCI 1.0 §8): a batch of credentials of one configuration,
 * one per key proof, each with its own status-list entry. Everything that can be checked
 * without side effects is checked first; then one transaction takes the offer's row (so a
 * revocation in flight is waited for), asks the offer's source (document or mandate) whether
 * it still stands, consumes the nonce and the token's use for this configuration, and records
 * every credential. Any refusal rolls all of it back.
 */
export function credentialEndpoint(ctx: AppContext) {
  return async (req: Request, res: Response): Promise<void> => {
    const now = ctx.clock.now();
    const token = bearerToken(req);
    const grant = await tokenGrant(ctx.db.knex, token, now);
    if (!grant) throw new VciError('invalid_token', 'The access token is unknown or expired.');
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.credential_identifier !== undefined) throw new VciError('invalid_credential_request', 'Use credential_configuration_id; no credential identifiers are issued.');
    if (body.credential_response_encryption !== undefined) throw new VciError('invalid_credential_request', 'Encrypted credential responses are not supported.');
    if (body.proof !== undefined) throw new VciError('invalid_credential_request', 'Key proofs go in `proofs`.');
    const configuration = body.credential_configuration_id === representationConfigurationId ? 'representation' : configurationById(body.credential_configuration_id);
    if (!configuration) throw new VciError('unknown_credential_configuration', 'This credential configuration is not offered.');
    const configurationKey = configuration === 'representation' ? representationConfigurationId : configuration.id;
    if (!grant.unused.includes(configurationKey)) throw new VciError('invalid_token', 'The access token does not (or no longer) cover this credential configuration.');
    const { keys, nonce } = await checkKeyProofs(body.proofs, { issuer: credentialIssuer(ctx), now });

    const offer = (await findOffer(ctx.db.knex, grant.offerId))!;
    const source = configuration === 'representation' ? await mandateSource(ctx, offer) : await evidenceSource(ctx, offer, configuration);

    const credentials = await ctx.db.knex.transaction(async (trx) => {
      if (!(await lockLiveOffer(trx, offer.id))) throw denied('the offer was revoked');
      const expiresAt = await source.expiry(trx, now);
      if (!(await consumeNonce(trx, nonce, now))) throw new VciError('invalid_nonce', 'The c_nonce is unknown, expired or already used; get a fresh one from the nonce endpoint.');
      if (!(await consumeToken(trx, token, configurationKey, now))) throw new VciError('invalid_token', 'The access token was used meanwhile.');
      const issued: string[] = [];
      for (const key of keys) {
        const id = randomUUID();
        const status = await allocateStatusEntry(trx, id, now);
        issued.push(await source.issue({ holder: key.jwk, status, issuedAt: now, expiresAt }));
        await insertCredential(trx, {
          id, offer_id: offer.id, consent_id: source.basisId, configuration_id: configurationKey,
          status_list_id: status.listId, status_idx: status.idx, issued_at: now, expires_at: expiresAt,
        });
      }
      await appendToTracker(trx, offer.citizen_key, now, source.tracker);
      return issued;
    });
    ctx.logger?.info({ evidenceType: source.logType, configuration: configurationKey, count: credentials.length }, 'wallet credentials issued');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ credentials: credentials.map((credential) => ({ credential })) });
  };
}
