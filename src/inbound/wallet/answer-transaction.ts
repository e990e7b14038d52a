import { createHash, randomBytes } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import { isPasserelleError, PasserelleError } from '../../core/errors.js';
import { openCitizen, sealCitizen } from '../../keys/sealing.js';
import { answerKid, decryptAnswer, type WalletAnswer } from './decrypt-response.js';
import type { WalletSetup } from './setup.js';
import { markResponseReceived, recordOutcome, type WalletTransaction } from './transaction-store.js';
import { translatePid } from './translate-pid.js';
import type { Handover } from './verified-pid.js';
import { verifyPresentation } from './verify-presentation.js';

/**
 * One encrypted answer to one transaction, whichever way it came (direct_post.jwt or the Digital
 * Credentials API). It must be encrypted to this transaction's key, decrypt, carry the
 * transaction's `state` where the request had one, and be the first answer: the transaction is
 * marked answered in one conditional UPDATE (a replay finds it taken) before any check runs.
 * Errors up to there are thrown (nothing recorded); after it, every check, and what is kept is
 * the citizen (sealed, for the browser to take) or only the refusal's stable code. The answer
 * itself (vp_token, disclosures, device response) is never written or logged. Returns the
 * response code the browser may present to take the outcome.
 */
export async function answerTransaction(setup: WalletSetup, tx: WalletTransaction, jwe: string, handover: Handover): Promise<string> {
  const { ctx } = setup;
  const now = ctx.clock.now();
  if (answerKid(jwe) !== tx.encryptionKid) throw new PasserelleError('wallet_transaction_unknown', 'the answer is encrypted to another transaction\'s key');
  const privateJwk = openCitizen(ctx.keystore, tx.id, tx.encryptionKey);
  if (!privateJwk) throw new PasserelleError('wallet_transaction_unknown', 'the transaction key is gone');
  const jwk = JSON.parse(privateJwk) as JWK;
  const answer = await decryptAnswer(jwe, jwk);
  const stateExpected = handover.kind === 'redirect' || answer.state !== undefined;
  if (stateExpected && answer.state !== tx.state) throw new PasserelleError('wallet_response_malformed', 'state is not the transaction\'s');
  if (!(await markResponseReceived(ctx.db, tx.id, now))) throw new PasserelleError('wallet_response_replayed', 'the transaction was already answered');
  const responseCode = randomBytes(32).toString('base64url');
  const responseCodeHash = createHash('sha256').update(responseCode).digest('hex');
  const outcome = await verifiedCitizen(setup, tx, answer, jwk, handover, now)
    .then((citizen) => ({ citizen: sealCitizen(ctx.keystore, tx.id, JSON.stringify(citizen)), responseCodeHash }))
    .catch((error: unknown) => {
      const refusal = isPasserelleError(error) ? error : new PasserelleError('wallet_response_malformed', 'presentation check failed', { cause: error });
      ctx.logger.warn({ transaction: tx.id.slice(0, 8), via: handover.kind, code: refusal.code, reason: refusal.message }, 'wallet presentation refused');
      return { errorCode: refusal.code, responseCodeHash };
    });
  await recordOutcome(ctx.db, tx.id, outcome);
  if ('citizen' in outcome) ctx.logger.info({ transaction: tx.id.slice(0, 8), via: handover.kind }, 'wallet presentation verified');
  return responseCode;
}

async function verifiedCitizen(setup: WalletSetup, tx: WalletTransaction, answer: WalletAnswer, jwk: JWK, handover: Handover, now: number) {
  if (answer.error !== undefined) throw new PasserelleError('wallet_declined', `wallet error ${String(answer.error).slice(0, 40)}`);
  const wallet = setup.ctx.config.wallet!;
  const { d: _private, ...publicJwk } = jwk;
  const thumbprint = Buffer.from(await calculateJwkThumbprint(publicJwk, 'sha256'), 'base64url');
  const pid = await verifyPresentation(setup, answer.vp_token, {
    handover, nonce: tx.nonce, encryptionJwkThumbprint: thumbprint,
    now, skewSeconds: wallet.clockSkewSeconds, keyBindingMaxAgeSeconds: wallet.keyBindingMaxAgeSeconds,
  });
  return translatePid(pid, tx.requestedAttributes, { nodeCountry: setup.ctx.config.nodeCountry, authenticatedAt: now, transactionId: tx.id });
}
