import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';

/**
 * Errors of the wallet-facing endpoints, in the OAuth shape wallets understand
 * (`{ error, error_description }`, RFC 6749 §5.2, OpenID4VCI 1.0 §8.3.1.2). The description
 * is fixed per refusal and never echoes input; the private reason goes to the log only.
 */
export type VciErrorCode =
  | 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'invalid_client'
  | 'invalid_token' | 'invalid_credential_request' | 'unknown_credential_configuration'
  | 'invalid_proof' | 'invalid_nonce' | 'credential_request_denied';

const statusOf: Record<VciErrorCode, number> = {
  invalid_request: 400, invalid_grant: 400, unsupported_grant_type: 400, invalid_client: 401, invalid_token: 401,
  invalid_credential_request: 400, unknown_credential_configuration: 400, invalid_proof: 400, invalid_nonce: 400, credential_request_denied: 400,
};

export class VciError extends Error {
  readonly status: number;
  constructor(readonly code: VciErrorCode, readonly description: string, readonly reason = description) {
    super(reason);
    this.name = 'VciError';
    this.status = statusOf[code];
  }
}

/** Error middleware of the wallet-facing router; anything else goes on to the shared error handler. */
export function vciErrorHandler(ctx: AppContext) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (!(error instanceof VciError)) return next(error);
    ctx.logger?.warn({ code: error.code, reason: error.reason.slice(0, 200), correlationId: String(req.id ?? '') }, 'wallet issuance refused');
    res.status(error.status).setHeader('Cache-Control', 'no-store');
    if (error.code === 'invalid_token') res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    res.json({ error: error.code, error_description: error.description });
  };
}
