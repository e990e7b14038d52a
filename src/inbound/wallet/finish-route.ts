import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { AuthenticatedCitizen } from '../../core/citizen.js';
import { PasserelleError } from '../../core/errors.js';
import { openCitizen } from '../../keys/sealing.js';
import { html } from '../../web/html.js';
import { pageLanguage, translator } from '../../web/i18n.js';
import { page } from '../../web/layout.js';
import type { LoginHandOff } from '../identity-adapter.js';
import { browserBindingOf } from './browser-binding.js';
import { browserTransaction, renderWalletLogin } from './login-page.js';
import { walletMessages } from './messages.js';
import type { WalletSetup } from './setup.js';
import { findTransaction, takeOutcome } from './transaction-store.js';

/** GET /wallet/login/:id/status: `pending` or `answered`, for this browser's transaction only. */
export function walletStatus(setup: WalletSetup) {
  return async (req: Request, res: Response): Promise<void> => {
    const tx = await browserTransaction(setup, req);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: tx.outcome ? 'answered' : 'pending' });
  };
}

const codeHash = (code: unknown) => (typeof code === 'string' && code.length <= 64 ? createHash('sha256').update(code).digest('hex') : undefined);

/**
 * GET /wallet/login/:id/continue: the browser that started the login takes the outcome once
 * (the row, with the sealed citizen and the ephemeral key, is deleted as it is taken) and hands
 * the citizen to the OpenID Provider, or shows the refusal. The wallet's same-device redirect
 * lands here too with `response_code`; opened on the phone of a cross-device login (no cookie),
 * it only says to go back to the other device.
 */
export function finishWalletLogin(setup: WalletSetup, handOff: LoginHandOff, portalName: (clientId: string, lang: string) => string) {
  const { ctx } = setup;
  return async (req: Request, res: Response): Promise<void> => {
    const id = String(req.params.id ?? '');
    const binding = browserBindingOf(req);
    const presented = codeHash(req.query.response_code);
    const tx = await findTransaction(ctx.db, { id }, ctx.clock.now());
    if (tx && presented && tx.browserBinding !== binding) {
      if (!tx.outcome) throw new PasserelleError('wallet_transaction_unknown', 'response code for an unanswered transaction');
      return doneElsewhere(req, res);
    }
    const own = await browserTransaction(setup, req);
    if (presented && own.responseCodeHash !== undefined && presented !== own.responseCodeHash) throw new PasserelleError('wallet_transaction_unknown', 'wrong response code');
    if (!own.outcome) return renderWalletLogin(setup, req, res, own, portalName(own.clientId, pageLanguage(req, res)), true);
    const taken = await takeOutcome(ctx.db, own.id, binding!, ctx.clock.now());
    if (!taken) throw new PasserelleError('wallet_transaction_unknown', 'outcome already taken');
    // A refusal is the citizen's own page with its stable code; the portal's flow stays open for another try.
    if (taken.outcome === 'failed') throw new PasserelleError(taken.errorCode ?? 'wallet_response_malformed', 'the wallet presentation was refused');
    const sealed = taken.citizen ? openCitizen(ctx.keystore, taken.id, taken.citizen) : undefined;
    if (!sealed) throw new PasserelleError('wallet_transaction_unknown', 'the sealed citizen cannot be opened');
    await handOff.loginSucceeded(req, res, taken.flowId, JSON.parse(sealed) as AuthenticatedCitizen);
  };
}

function doneElsewhere(req: Request, res: Response): void {
  const lang = pageLanguage(req, res);
  const t = translator(walletMessages, lang);
  res.setHeader('Cache-Control', 'no-store');
  res.type('html').send(page({ title: t('doneElsewhereTitle'), lang, body: html`<h1>${t('doneElsewhereTitle')}</h1>\n<p>${t('doneElsewhereBody')}</p>` }));
}
