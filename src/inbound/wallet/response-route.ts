import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { isPasserelleError, PasserelleError } from '../../core/errors.js';
import { openCitizen, sealCitizen } from '../../keys/sealing.js';
import { sendError } from '../../web/error-response.js';
import { answerKid, decryptAnswer } from './decrypt-response.js';
import type { WalletSetup } from './setup.js';
import { findTransaction, markResponseReceived, recordOutcome, type WalletTransaction } from './transaction-store.js';
import { translatePid } from './translate-pid.js';
import { verifyPresentation } from './verify-presentation.js';

const maxResponseLength = 192 * 1024;

/**
 * POST /wallet/response (`direct_post.jwt`). The encrypted answer names the key of its
 * transaction; it is decrypted, its state compared, and the transaction marked answered in one
 * conditional UPDATE (a replayed answer finds it taken) before any check runs. Then every check;
 * what is kept is the citizen (sealed, for the browser to pick up) or only the refusal's code.
 * The answer itself, its vp_token, disclosures and device response, is never written or logged.
 * The wallet gets our `redirect_uri` back either way, so the citizen returns to see the outcome.
 */
export function receiveWalletResponse(setup: WalletSetup) {
  const { ctx } = setup;
  return async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jwe = body.response;
    if (typeof jwe !== 'string' || jwe.length === 0 || jwe.length > maxResponseLength) {
      return sendError(req, res, new PasserelleError('wallet_response_malformed', 'no response parameter'), ctx.logger);
    }
    const now = ctx.clock.now();
    let tx: WalletTransaction | undefined;
    try {
      tx = await findTransaction(ctx.db, { encryption_kid: answerKid(jwe) }, now);
      if (!tx) throw new PasserelleError('wallet_transaction_unknown', 'no live transaction for this key');
      const privateJwk = openCitizen(ctx.keystore, tx.id, tx.encryptionKey);
      if (!privateJwk) throw new PasserelleError('wallet_transaction_unknown', 'the transaction key is gone');
      const jwk = JSON.parse(privateJwk) as JWK;
      const answer = await decryptAnswer(jwe, jwk);
      if (answer.state !== tx.state) throw new PasserelleError('wallet_response_malformed', 'state is not the transaction\'s');
      if (!(await markResponseReceived(ctx.db, tx.id, now))) throw new PasserelleError('wallet_response_replayed', 'the transaction was already answered');
      const responseCode = randomBytes(32).toString('base64url');
      const responseCodeHash = createHash('sha256').update(responseCode).digest('hex');
      const outcome = await verifiedCitizen(setup, tx, answer, jwk, now)
        .then((citizen) => ({ citizen: sealCitizen(ctx.keystore, tx!.id, JSON.stringify(citizen)), responseCodeHash }))
        .catch((error: unknown) => {
          const refusal = isPasserelleError(error) ? error : new PasserelleError('wallet_response_malformed', 'presentation check failed', { cause: error });
          ctx.logger.warn({ transaction: tx!.id.slice(0, 8), code: refusal.code, reason: refusal.message }, 'wallet presentation refused');
          return { errorCode: refusal.code, responseCodeHash };
        });
      await recordOutcome(ctx.db, tx.id, outcome);
      if ('citizen' in outcome) ctx.logger.info({ transaction: tx.id.slice(0, 8) }, 'wallet presentation verified');
      res.setHeader('Cache-Control', 'no-store');
      res.json({ redirect_uri: `${ctx.config.publicUrl}/wallet/login/${tx.id}/continue?response_code=${responseCode}` });
    } catch (error) {
      sendError(req, res, isPasserelleError(error) ? error : new PasserelleError('wallet_response_malformed', undefined, { cause: error }), ctx.logger);
    }
  };
}

async function verifiedCitizen(setup: WalletSetup, tx: WalletTransaction, answer: Awaited<ReturnType<typeof decryptAnswer>>, jwk: JWK, now: number) {
  if (answer.error !== undefined) throw new PasserelleError('wallet_declined', `wallet error ${String(answer.error).slice(0, 40)}`);
  const wallet = setup.ctx.config.wallet!;
  const { d: _private, ...publicJwk } = jwk;
  const thumbprint = Buffer.from(await calculateJwkThumbprint(publicJwk, 'sha256'), 'base64url');
  const pid = await verifyPresentation(setup, answer.vp_token, {
    clientId: setup.access.clientId, nonce: tx.nonce, responseUri: setup.responseUri, encryptionJwkThumbprint: thumbprint,
    now, skewSeconds: wallet.clockSkewSeconds, keyBindingMaxAgeSeconds: wallet.keyBindingMaxAgeSeconds,
  });
  return translatePid(pid, tx.requestedAttributes, { nodeCountry: setup.ctx.config.nodeCountry, authenticatedAt: now, transactionId: tx.id });
}
