import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import type { AppContext } from '../../context.js';
import type { AttestationClaims } from '../attestation/claims.js';
import { attestationVct, issuerId } from '../issuer.js';

export interface OwnAttestationCheck {
  signature: 'passed' | 'failed';
  reason?: string;
  kid?: string;
  claims?: AttestationClaims;
}

const maxLength = 16 * 1024;

function failed(reason: string): OwnAttestationCheck {
  return { signature: 'failed', reason };
}

/**
 * Checks a Passerelle attestation against Passerelle's own published evidence-signing keys
 * (the trust anchor an official can also fetch from /.well-known/jwt-vc-issuer). Only the
 * signature and the fixed claims here; time and status are judged by the caller, so an
 * expired or withdrawn attestation is reported as such rather than as "invalid signature".
 */
export async function checkOwnAttestation(ctx: AppContext, token: string): Promise<OwnAttestationCheck> {
  if (token.length === 0 || token.length > maxLength) return failed('not an attestation of acceptable size');
  const parts = token.split('~');
  if (parts.length !== 2 || parts[1] !== '') return failed('not a Passerelle attestation (Passerelle issues no disclosures and no key binding)');
  const jwt = parts[0]!;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(jwt);
    payload = decodeJwt(jwt);
  } catch {
    return failed('unreadable JWT');
  }
  if (header.typ !== 'dc+sd-jwt' || header.alg !== 'ES256') return failed('unexpected typ or alg');
  const key = ctx.keystore.published('evidence-signing').find((entry) => entry.kid === header.kid);
  if (!key?.publicKey) return failed('signed by a key Passerelle does not publish');
  try {
    await compactVerify(jwt, key.publicKey, { algorithms: ['ES256'] });
  } catch {
    return { signature: 'failed', reason: 'signature does not verify', kid: key.kid };
  }
  if (payload.iss !== issuerId(ctx) || payload.vct !== attestationVct) return { signature: 'failed', reason: 'not issued by this Passerelle', kid: key.kid };
  const claims = payload as unknown as AttestationClaims;
  if (typeof claims.consent_id !== 'string' || typeof claims.exp !== 'number' || !claims.status?.status_list || !claims.document_digest) {
    return { signature: 'failed', reason: 'claims missing', kid: key.kid };
  }
  return { signature: 'passed', kid: key.kid, claims };
}
