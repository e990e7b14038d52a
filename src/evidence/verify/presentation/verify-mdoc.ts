import { X509Certificate } from 'node:crypto';
import { cborDecode, DataItem, DateOnly, DeviceResponse, SessionTranscript, Verifier, type VerificationAssessment } from '@owf/mdoc';
import type { AppContext } from '../../../context.js';
import { MdocItemError, readSignedItems } from '../../../mdoc/item-digests.js';
import { mdocContext } from '../../../mdoc/node-context.js';
import { evidenceTypes } from '../../catalogue/index.js';
import { issuerId } from '../../issuer.js';
import { mdocDocType } from '../../vci/configurations.js';
import { credentialStatus, disclosureReport, skewSeconds, verdict, type PresentationExpectations } from './common.js';
import type { PresentationReport } from './report.js';

/**
 * Passerelle's self-signed key certificates only carry the key into the x5chain: the issuer is
 * known by the published key, not by a DN or the certificate's dates (as for SAML metadata).
 */
const ignoredChecks = [/Country name \(C\)/, /within the validity period of the certificate/,
  // The library hashes a re-encoding of each item; the digests are checked over the received bytes below.
  /^The calculated digest for/];

function plain(value: unknown): unknown {
  if (value instanceof DateOnly) return value.toISOString().slice(0, 10);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/**
 * An mdoc DeviceResponse (base64url, OpenID4VP 1.0 handover without encryption key) of a
 * Passerelle wallet credential: one document of a Passerelle doctype, its x5chain leaf holding
 * one of the published evidence-signing keys; the library then checks issuer signature, item
 * validity and the device signature over the SessionTranscript of this verifier's client id,
 * nonce and response URI; the item digests are checked over the bytes as received, and the claims
 * read from those bytes (src/mdoc/item-digests.ts). Then the MSO's status entry.
 */
export async function verifyMdocPresentation(ctx: AppContext, presentation: string, expect: PresentationExpectations): Promise<PresentationReport> {
  const base: PresentationReport = { valid: false, format: 'mso_mdoc' };
  let response: DeviceResponse;
  // A copy with its own buffer: the digest check reads each item's bytes back out of it.
  const bytes = new Uint8Array(Buffer.from(presentation, 'base64url'));
  try {
    response = DeviceResponse.decode(bytes);
  } catch {
    return { ...base, failure: 'malformed' };
  }
  const document = response.documents?.length === 1 ? response.documents[0]! : undefined;
  const type = evidenceTypes.find((t) => mdocDocType(t.id) === document?.docType);
  if (!document || !type) return { ...base, failure: 'type_unknown' };
  const leaf = document.issuerSigned.issuerAuth.x5chain?.[0];
  const leafKey = leaf ? new X509Certificate(leaf).publicKey.export({ format: 'jwk' }) : undefined;
  const ours = ctx.keystore.publicJwks('evidence-signing').keys.find((k) => k.x === leafKey?.x && k.y === leafKey?.y);
  if (!leaf || !ours) return { ...base, failure: 'issuer_unknown' };
  const typed: PresentationReport = { ...base, issuer: { id: issuerId(ctx), ...(ours.kid ? { kid: ours.kid } : {}) }, evidence_type: type.id };
  const transcript = await SessionTranscript.forOid4Vp({ clientId: expect.audience, nonce: expect.nonce, responseUri: expect.responseUri ?? expect.audience, jwkThumbprint: undefined }, mdocContext);
  const failures: VerificationAssessment[] = [];
  try {
    await Verifier.verifyDeviceResponse({
      deviceResponse: response, sessionTranscript: transcript, trustedCertificates: [new Uint8Array(leaf)], disableCertificateChainValidation: true,
      now: new Date(ctx.clock.now()), skewSeconds,
      onCheck: (check) => { if (check.status === 'FAILED' && !ignoredChecks.some((p) => p.test(check.check))) failures.push(check); },
    }, mdocContext);
  } catch {
    return { ...typed, failure: 'malformed' };
  }
  const failed = failures[0];
  if (failed) {
    if (failed.check.startsWith('The MSO must be valid')) return { ...typed, failure: 'expired' };
    if (failed.category === 'DEVICE_AUTH') return { ...typed, holder_binding: 'failed', failure: 'holder_binding_invalid' };
    return { ...typed, failure: failed.category === 'ISSUER_AUTH' ? 'signature_invalid' : 'disclosure_invalid' };
  }
  const namespace = mdocDocType(type.id);
  const msoDigests = document.issuerSigned.issuerAuth.mobileSecurityObject;
  let elements: Map<string, unknown>;
  try {
    elements = readSignedItems(bytes, { digestAlgorithm: msoDigests.digestAlgorithm, valueDigests: msoDigests.valueDigests.valueDigests }, namespace);
  } catch (error) {
    if (!(error instanceof MdocItemError)) throw error;
    return { ...typed, failure: error.kind === 'digest' ? 'disclosure_invalid' : 'malformed' };
  }
  const claims = Object.fromEntries([...elements].map(([identifier, value]) => [identifier, plain(value)]));
  const payload = document.issuerSigned.issuerAuth.payload;
  const decoded = payload ? cborDecode<unknown>(payload) : undefined;
  const mso = decoded instanceof DataItem ? decoded.data : decoded;
  const status = mso instanceof Map ? plain(mso.get('status')) : undefined;
  const validUntil = document.issuerSigned.issuerAuth.mobileSecurityObject.validityInfo.validUntil;
  return verdict({
    ...typed, holder_binding: 'passed', valid_until: validUntil.toISOString(), status: await credentialStatus(ctx, status), ...disclosureReport(type.id, claims, expect),
  });
}
