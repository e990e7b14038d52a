import type { Request, Response } from 'express';
import { PasserelleError } from '../../core/errors.js';
import { openCitizen } from '../../keys/sealing.js';
import { answerTransaction } from './answer-transaction.js';
import { pidDcqlQuery } from './dcql-query.js';
import { browserTransaction } from './login-page.js';
import { signRequestObject } from './request-object.js';
import { maxResponseLength } from './response-route.js';
import type { WalletSetup } from './setup.js';
import { markRequestFetchedByBrowser } from './transaction-store.js';

/** The DC API protocol identifier of a signed OpenID4VP 1.0 request (Appendix A.1). */
export const dcApiProtocol = 'openid4vp-v1-signed';

/**
 * Only Passerelle's own pages may drive a DC API login: the calls come from its login page's
 * script, same-origin, with the browser's binding cookie. A browser always sends Origin on these
 * POSTs; one naming another site is refused before anything changes.
 */
function sameOrigin(setup: WalletSetup, req: Request): void {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if ((origin !== undefined && origin !== setup.origin) || (site !== undefined && site !== 'same-origin')) {
    throw new PasserelleError('forbidden', 'a Digital Credentials API call from another origin');
  }
}

/**
 * POST /wallet/login/:id/dc-request: the signed request for `navigator.credentials.get` (OpenID4VP
 * 1.0 Appendix A), for the browser that started this login: `dc_api.jwt`, `expected_origins` our
 * origin, the transaction's nonce and ephemeral key, the DCQL query and the portal's
 * registration certificate. The page may ask again (after the citizen closed the wallet picker);
 * a transaction already answered is refused.
 */
export function serveDcApiRequest(setup: WalletSetup) {
  const { ctx } = setup;
  return async (req: Request, res: Response): Promise<void> => {
    sameOrigin(setup, req);
    const tx = await browserTransaction(setup, req);
    const now = ctx.clock.now();
    const registrationCertificate = setup.registrationCertificates.get(tx.clientId);
    const sealedKey = openCitizen(ctx.keystore, tx.id, tx.encryptionKey);
    if (tx.responseReceivedAt !== undefined || !registrationCertificate || !sealedKey) throw new PasserelleError('wallet_transaction_unknown', 'transaction answered or unusable');
    await markRequestFetchedByBrowser(ctx.db, tx.id, now);
    const { d: _private, ...publicJwk } = JSON.parse(sealedKey) as Record<string, string>;
    const request = await signRequestObject(setup.access, {
      delivery: { mode: 'dc_api.jwt', expectedOrigins: [setup.origin] },
      nonce: tx.nonce, dcqlQuery: pidDcqlQuery(tx.requestedAttributes),
      encryptionJwk: publicJwk, registrationCertificate, issuedAt: now, expiresAt: tx.expiresAt,
    });
    ctx.logger.info({ transaction: tx.id.slice(0, 8) }, 'browser fetched the Digital Credentials API request');
    res.setHeader('Cache-Control', 'no-store');
    res.json({ protocol: dcApiProtocol, data: { request } });
  };
}

/** The `response` of a DigitalCredential's `data` (an object, or its JSON text in some browsers). */
function encryptedResponse(body: unknown): string {
  const { protocol, data } = (body ?? {}) as { protocol?: unknown; data?: unknown };
  if (protocol !== dcApiProtocol) throw new PasserelleError('wallet_response_malformed', 'not an answer to our DC API request');
  let parsed = data;
  if (typeof data === 'string' && data.length <= maxResponseLength) {
    try {
      parsed = JSON.parse(data);
    } catch (error) {
      throw new PasserelleError('wallet_response_malformed', 'the DC API data is not JSON', { cause: error });
    }
  }
  const response = (parsed as { response?: unknown } | null)?.response;
  if (typeof response !== 'string' || response.length === 0 || response.length > maxResponseLength) {
    throw new PasserelleError('wallet_response_malformed', 'the DC API data has no encrypted response');
  }
  return response;
}

/**
 * POST /wallet/login/:id/dc-response: the page hands over what `navigator.credentials.get` gave
 * it. The answer is checked as any other (answer-transaction.ts), bound to our origin: the
 * SD-JWT key-binding `aud` must be `origin:` + our origin and the mdoc SessionTranscript the DC
 * API handover of our origin. A presentation the wallet made for a page elsewhere fails there.
 */
export function receiveDcApiResponse(setup: WalletSetup) {
  const { ctx } = setup;
  return async (req: Request, res: Response): Promise<void> => {
    sameOrigin(setup, req);
    const tx = await browserTransaction(setup, req);
    const jwe = encryptedResponse(req.body);
    const responseCode = await answerTransaction(setup, tx, jwe, { kind: 'dc_api', origin: setup.origin });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ redirect_uri: `${ctx.config.publicUrl}/wallet/login/${tx.id}/continue?response_code=${responseCode}` });
  };
}
