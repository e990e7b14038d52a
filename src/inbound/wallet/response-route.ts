import type { Request, Response } from 'express';
import { isPasserelleError, PasserelleError } from '../../core/errors.js';
import { sendError } from '../../web/error-response.js';
import { answerTransaction } from './answer-transaction.js';
import { answerKid } from './decrypt-response.js';
import type { WalletSetup } from './setup.js';
import { findTransaction } from './transaction-store.js';

export const maxResponseLength = 192 * 1024;

/**
 * POST /wallet/response (`direct_post.jwt`). The encrypted answer names the key of its
 * transaction, which is how it is found; answer-transaction.ts does the rest. The wallet gets
 * our `redirect_uri` back either way, so the citizen returns to see the outcome.
 */
export function receiveWalletResponse(setup: WalletSetup) {
  const { ctx } = setup;
  return async (req: Request, res: Response): Promise<void> => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const jwe = body.response;
    if (typeof jwe !== 'string' || jwe.length === 0 || jwe.length > maxResponseLength) {
      return sendError(req, res, new PasserelleError('wallet_response_malformed', 'no response parameter'), ctx.logger);
    }
    try {
      const tx = await findTransaction(ctx.db, { encryption_kid: answerKid(jwe) }, ctx.clock.now());
      if (!tx) throw new PasserelleError('wallet_transaction_unknown', 'no live transaction for this key');
      const responseCode = await answerTransaction(setup, tx, jwe, { kind: 'redirect', clientId: setup.access.clientId, responseUri: setup.responseUri });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ redirect_uri: `${ctx.config.publicUrl}/wallet/login/${tx.id}/continue?response_code=${responseCode}` });
    } catch (error) {
      sendError(req, res, isPasserelleError(error) ? error : new PasserelleError('wallet_response_malformed', undefined, { cause: error }), ctx.logger);
    }
  };
}
