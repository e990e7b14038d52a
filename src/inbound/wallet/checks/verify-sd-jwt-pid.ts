import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { PasserelleError } from '../../../core/errors.js';
import { checkDisclosuresReferenced } from '../../../evidence/authority/disclosures.js';
import { pidVct } from '../pid-claims.js';
import type { TrustedList } from '../trusted-list.js';
import type { PresentationContext, VerifiedPid } from '../verified-pid.js';
import { checkIssuerChain } from './check-issuer-chain.js';
import { checkKeyBinding } from './check-key-binding.js';
import { checkStatus, statusReference, type StatusCheckOptions } from './check-status.js';
import { checkValidity } from './check-validity.js';

const maxLength = 64 * 1024;

/**
 * An SD-JWT VC PID presentation, checked in the order that gives the most precise refusal:
 * shape, issuer chain to a trusted PID provider, issuer signature, type, validity, every
 * disclosure referenced by the signed payload, key binding, then the status list.
 */
export async function verifySdJwtPid(presentation: unknown, list: TrustedList, context: PresentationContext, status: Omit<StatusCheckOptions, 'list' | 'provider' | 'now'>): Promise<VerifiedPid> {
  if (typeof presentation !== 'string' || presentation.length > maxLength) throw new PasserelleError('wallet_response_malformed', 'the SD-JWT presentation is not a string of acceptable size');
  const parts = presentation.split('~');
  if (parts.length < 2) throw new PasserelleError('wallet_response_malformed', 'not an SD-JWT');
  const kbJwt = parts[parts.length - 1]!;
  if (kbJwt === '') throw new PasserelleError('wallet_key_binding_missing', 'the presentation has no key-binding JWT');
  const issuerJwt = parts[0]!;
  const disclosures = parts.slice(1, -1);
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(issuerJwt);
    payload = decodeJwt(issuerJwt);
  } catch (error) {
    throw new PasserelleError('wallet_response_malformed', 'the issuer JWT is unreadable', { cause: error });
  }
  if (header.typ !== 'dc+sd-jwt') throw new PasserelleError('wallet_pid_invalid', `typ is ${String(header.typ)}`);
  const { provider, leaf } = checkIssuerChain(list, header.x5c, context.now);
  try {
    await compactVerify(issuerJwt, leaf.publicKey, { algorithms: ['ES256', 'ES384', 'ES512'] });
  } catch (error) {
    throw new PasserelleError('wallet_signature_invalid', 'the issuer signature does not verify', { cause: error });
  }
  if (payload.vct !== pidVct) throw new PasserelleError('wallet_pid_invalid', 'the credential is not a PID');
  checkValidity(payload, context);
  const problem = checkDisclosuresReferenced(payload, disclosures);
  if (problem) throw new PasserelleError('wallet_disclosure_invalid', problem);
  await checkKeyBinding(kbJwt, presentation.slice(0, presentation.length - kbJwt.length), payload.cnf, context);
  const claims = await new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' }).decode(presentation)
    .then((sdJwt) => sdJwt.getClaims<Record<string, unknown>>(digest))
    .catch((error: unknown) => {
      throw new PasserelleError('wallet_disclosure_invalid', 'the disclosures cannot be resolved', { cause: error });
    });
  const reference = statusReference(payload.status);
  if (reference) await checkStatus(reference, { ...status, list, provider, now: context.now });
  return { format: 'dc+sd-jwt', provider, claims };
}
