import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import type { CitizenAttributeName } from '../../core/attributes.js';
import { PasserelleError } from '../../core/errors.js';
import { personKindOf } from '../../core/legal-person-attributes.js';
import { sealCitizen } from '../../keys/sealing.js';
import type { LoginRequest } from '../identity-adapter.js';
import { bindBrowser } from './browser-binding.js';
import type { WalletSetup } from './setup.js';
import { saveTransaction } from './transaction-store.js';

const random = () => randomBytes(32).toString('base64url');

function naturalPersonAttributes(login: LoginRequest): Array<{ name: CitizenAttributeName; required: boolean }> {
  return login.requestedAttributes.flatMap((a) => (personKindOf(a.name) === 'natural' ? [{ name: a.name as CitizenAttributeName, required: a.required }] : []));
}

/**
 * Starts a wallet login: a transaction with its own nonce, state and ephemeral P-256
 * encryption key (sealed at rest), bound to this browser, then the page with the QR code and
 * the same-device link. Only portals with a registration certificate get here.
 */
export async function startWalletLogin(setup: WalletSetup, req: Request, res: Response, login: LoginRequest): Promise<void> {
  const { ctx } = setup;
  if (!login.requesterId || !setup.registrationCertificates.has(login.requesterId)) throw new PasserelleError('wallet_unavailable', 'this portal has no wallet registration certificate');
  // A PID identifies a natural person: a login on behalf of an organisation needs the eIDAS door.
  if (login.subject === 'legal') throw new PasserelleError('wallet_unavailable', 'a PID cannot log in a legal person');
  if (!login.flowId || login.flowId.length > 255) throw new PasserelleError('bad_request', 'flow id missing or longer than 255 characters');
  const id = random();
  const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const encryptionKid = random();
  const privateJwk = { ...(await exportJWK(privateKey)), kid: encryptionKid };
  const now = ctx.clock.now();
  await saveTransaction(ctx.db, {
    id, flowId: login.flowId, clientId: login.requesterId, browserBinding: bindBrowser(req, res, ctx.config),
    nonce: random(), state: random(), encryptionKid, encryptionKey: sealCitizen(ctx.keystore, id, JSON.stringify(privateJwk)),
    minimumLoa: login.minimumLoa, requestedAttributes: naturalPersonAttributes(login),
    createdAt: now, expiresAt: now + (ctx.config.wallet?.transactionTtlSeconds ?? 300) * 1000,
  });
  res.redirect(303, `/wallet/login/${id}`);
}
