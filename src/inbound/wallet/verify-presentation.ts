import { PasserelleError } from '../../core/errors.js';
import { verifyMdocPid } from './checks/verify-mdoc-pid.js';
import { verifySdJwtPid } from './checks/verify-sd-jwt-pid.js';
import { mdocQueryId, pidQueryIds, sdJwtQueryId } from './dcql-query.js';
import type { WalletSetup } from './setup.js';
import type { PresentationContext, VerifiedPid } from './verified-pid.js';

/**
 * The `vp_token` of a DCQL answer (OpenID4VP 1.0 §8.1): an object keyed by credential query ids,
 * each an array of presentations. Ours must answer exactly one of the two PID queries, with
 * exactly one presentation; an unknown key is refused (the library would let it through).
 */
export async function verifyPresentation(setup: WalletSetup, vpToken: unknown, context: PresentationContext): Promise<VerifiedPid> {
  if (!vpToken || typeof vpToken !== 'object' || Array.isArray(vpToken)) throw new PasserelleError('wallet_response_malformed', 'vp_token is not an object');
  const keys = Object.keys(vpToken);
  if (keys.some((key) => !(pidQueryIds as readonly string[]).includes(key))) throw new PasserelleError('wallet_response_malformed', 'vp_token answers a query we did not ask');
  if (keys.length !== 1) throw new PasserelleError('wallet_pid_invalid', 'vp_token must answer exactly one PID query');
  const presentations = (vpToken as Record<string, unknown>)[keys[0]!];
  if (!Array.isArray(presentations) || presentations.length !== 1) throw new PasserelleError('wallet_response_malformed', 'exactly one presentation expected');
  const list = setup.trustedList.current(context.now);
  const status = { allowInsecure: setup.ctx.config.wallet?.allowInsecureStatusUrl ?? false, ...(setup.fetchImpl ? { fetchImpl: setup.fetchImpl } : {}) };
  if (keys[0] === sdJwtQueryId) return verifySdJwtPid(presentations[0], list, context, status);
  if (keys[0] === mdocQueryId) return verifyMdocPid(presentations[0], list, context, status);
  throw new PasserelleError('wallet_response_malformed', 'unreachable');
}
