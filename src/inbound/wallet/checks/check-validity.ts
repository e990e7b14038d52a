import { PasserelleError } from '../../../core/errors.js';
import type { PresentationContext } from '../verified-pid.js';

/** `exp` must lie ahead and `nbf`/`iat` behind, within the configured skew (NumericDate seconds). */
export function checkValidity(payload: Record<string, unknown>, context: Pick<PresentationContext, 'now' | 'skewSeconds'>): void {
  const skew = context.skewSeconds * 1000;
  const at = (claim: string) => (typeof payload[claim] === 'number' ? (payload[claim] as number) * 1000 : undefined);
  const exp = at('exp');
  if (exp === undefined) throw new PasserelleError('wallet_pid_invalid', 'the PID has no exp');
  if (exp + skew < context.now) throw new PasserelleError('wallet_credential_expired', 'the PID has expired');
  for (const claim of ['nbf', 'iat']) {
    const value = at(claim);
    if (value !== undefined && value - skew > context.now) throw new PasserelleError('wallet_credential_expired', `the PID's ${claim} lies in the future`);
  }
}
