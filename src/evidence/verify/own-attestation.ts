import { verify } from 'node:crypto';
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
  // Split once, parse once, verify with one synchronous crypto.verify (JOSE's r || s form):
  // jose's compactVerify went through WebCrypto and decoded the token three times.
  const segments = parts[0]!.split('.');
  if (segments.length !== 3 || segments.some((segment) => !/^[A-Za-z0-9_-]+$/.test(segment))) return failed('unreadable JWT');
  const [encodedHeader, encodedPayload, encodedSignature] = segments as [string, string, string];
  let header: { typ?: unknown; alg?: unknown; kid?: unknown; crit?: unknown };
  let payload: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(encodedHeader, 'base64url').toString('utf8')) as typeof header;
    payload = JSON.parse(Buffer.from(encodedPayload, 'base64url').toString('utf8')) as typeof payload;
  } catch {
    return failed('unreadable JWT');
  }
  if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object' || Array.isArray(payload)) return failed('unreadable JWT');
  if (header.typ !== 'dc+sd-jwt' || header.alg !== 'ES256') return failed('unexpected typ or alg');
  // No extension Passerelle's attestations use may be declared critical (RFC 7515 §4.1.11).
  if (header.crit !== undefined) return failed('unexpected typ or alg');
  const key = ctx.keystore.published('evidence-signing').find((entry) => entry.kid === header.kid);
  if (!key?.publicKey) return failed('signed by a key Passerelle does not publish');
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (signature.length !== 64 || !verify('sha256', Buffer.from(`${encodedHeader}.${encodedPayload}`), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature)) {
    return { signature: 'failed', reason: 'signature does not verify', kid: key.kid };
  }
  if (payload.iss !== issuerId(ctx) || payload.vct !== attestationVct) return { signature: 'failed', reason: 'not issued by this Passerelle', kid: key.kid };
  const claims = payload as unknown as AttestationClaims;
  if (typeof claims.consent_id !== 'string' || typeof claims.exp !== 'number' || !claims.status?.status_list || !claims.document_digest) {
    return { signature: 'failed', reason: 'claims missing', kid: key.kid };
  }
  return { signature: 'passed', kid: key.kid, claims };
}
