import type { Request, Response } from 'express';
import { PasserelleError } from '../../core/errors.js';
import { openCitizen } from '../../keys/sealing.js';
import { pidDcqlQuery } from './dcql-query.js';
import { signRequestObject } from './request-object.js';
import type { WalletSetup } from './setup.js';
import { findTransaction, markRequestFetched } from './transaction-store.js';

const walletNoncePattern = /^[\x21-\x7e]{1,256}$/;

/**
 * GET or POST /wallet/request/:id: the wallet fetches the signed request object, once. With
 * `request_uri_method=post` it may send `wallet_nonce` (echoed into the object) and its
 * metadata; the object is the same otherwise. A second fetch is refused: only one wallet
 * answers a transaction.
 */
export function serveRequestObject(setup: WalletSetup) {
  const { ctx } = setup;
  return async (req: Request, res: Response): Promise<void> => {
    const now = ctx.clock.now();
    const tx = await findTransaction(ctx.db, { id: String(req.params.id ?? '') }, now);
    if (!tx) throw new PasserelleError('wallet_transaction_unknown', 'no live transaction for this request_uri');
    const walletNonce = req.method === 'POST' ? (req.body as Record<string, unknown> | undefined)?.wallet_nonce : undefined;
    if (walletNonce !== undefined && (typeof walletNonce !== 'string' || !walletNoncePattern.test(walletNonce))) throw new PasserelleError('bad_request', 'wallet_nonce malformed');
    const registrationCertificate = setup.registrationCertificates.get(tx.clientId);
    const sealedKey = openCitizen(ctx.keystore, tx.id, tx.encryptionKey);
    if (!registrationCertificate || !sealedKey) throw new PasserelleError('wallet_transaction_unknown', 'transaction unusable (portal or key gone)');
    if (!(await markRequestFetched(ctx.db, tx.id, now))) throw new PasserelleError('wallet_transaction_unknown', 'request object already fetched');
    const { d: _private, ...publicJwk } = JSON.parse(sealedKey) as Record<string, string>;
    const jwt = await signRequestObject(setup.access, {
      delivery: { mode: 'direct_post.jwt', responseUri: setup.responseUri, state: tx.state, ...(typeof walletNonce === 'string' ? { walletNonce } : {}) },
      nonce: tx.nonce, dcqlQuery: pidDcqlQuery(tx.requestedAttributes),
      encryptionJwk: publicJwk, registrationCertificate, issuedAt: now, expiresAt: tx.expiresAt,
    });
    ctx.logger.info({ transaction: tx.id.slice(0, 8), method: req.method }, 'wallet fetched the request object');
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/oauth-authz-req+jwt').send(jwt);
  };
}
