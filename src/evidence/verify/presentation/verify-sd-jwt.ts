import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import type { AppContext } from '../../../context.js';
import { isPasserelleError } from '../../../core/errors.js';
import { checkKeyBinding } from '../../../inbound/wallet/checks/check-key-binding.js';
import { checkDisclosuresReferenced } from '../../authority/disclosures.js';
import { evidenceTypes } from '../../catalogue/index.js';
import { issuerId } from '../../issuer.js';
import { walletVct } from '../../vci/configurations.js';
import { credentialStatus, disclosureReport, keyBindingMaxAgeSeconds, skewSeconds, verdict, type PresentationExpectations } from './common.js';
import type { PresentationReport } from './report.js';

/**
 * An SD-JWT VC presentation of a Passerelle wallet credential: the issuer JWT signed by one of
 * Passerelle's published evidence-signing keys (`kid`), a wallet `vct` of the catalogue, within
 * its validity, every disclosure referenced, the KB-JWT made with the `cnf` key for this
 * verifier's audience and nonce over exactly this presentation, then the status entry.
 */
export async function verifySdJwtPresentation(ctx: AppContext, presentation: string, expect: PresentationExpectations): Promise<PresentationReport> {
  const base: PresentationReport = { valid: false, format: 'dc+sd-jwt' };
  const parts = presentation.split('~');
  const kbJwt = parts[parts.length - 1]!;
  const issuerJwt = parts[0]!;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(issuerJwt);
    payload = decodeJwt(issuerJwt);
  } catch {
    return { ...base, failure: 'malformed' };
  }
  const key = ctx.keystore.publicJwks('evidence-signing').keys.find((k) => k.kid === header.kid);
  if (header.typ !== 'dc+sd-jwt' || payload.iss !== issuerId(ctx) || !key) return { ...base, failure: 'issuer_unknown' };
  const issuer = { id: issuerId(ctx), kid: String(header.kid) };
  try {
    await compactVerify(issuerJwt, await importJWK(key as JWK, 'ES256'), { algorithms: ['ES256'] });
  } catch {
    return { ...base, issuer, failure: 'signature_invalid' };
  }
  const type = evidenceTypes.find((t) => walletVct(ctx, t.id) === payload.vct);
  if (!type) return { ...base, issuer, failure: 'type_unknown' };
  const typed = { ...base, issuer, evidence_type: type.id, valid_until: new Date(Number(payload.exp) * 1000).toISOString() };
  const now = ctx.clock.now();
  if (typeof payload.exp !== 'number' || payload.exp * 1000 <= now - skewSeconds * 1000 || (typeof payload.nbf === 'number' && payload.nbf * 1000 > now + skewSeconds * 1000)) {
    return { ...typed, failure: 'expired' };
  }
  if (kbJwt === '' || parts.length < 2 || checkDisclosuresReferenced(payload, parts.slice(1, -1))) return { ...typed, failure: kbJwt === '' ? 'holder_binding_invalid' : 'disclosure_invalid' };
  try {
    await checkKeyBinding(kbJwt, presentation.slice(0, presentation.length - kbJwt.length), payload.cnf, {
      handover: { kind: 'redirect', clientId: expect.audience, responseUri: expect.responseUri ?? expect.audience },
      nonce: expect.nonce, encryptionJwkThumbprint: new Uint8Array(), now, skewSeconds, keyBindingMaxAgeSeconds,
    });
  } catch (error) {
    if (!isPasserelleError(error)) throw error;
    return { ...typed, holder_binding: 'failed', failure: 'holder_binding_invalid' };
  }
  const claims = await new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' }).decode(presentation)
    .then((sdJwt) => sdJwt.getClaims<Record<string, unknown>>(digest)).catch(() => undefined);
  if (!claims) return { ...typed, failure: 'disclosure_invalid' };
  return verdict({ ...typed, holder_binding: 'passed', status: await credentialStatus(ctx, payload.status), ...disclosureReport(type.id, claims, expect) });
}
