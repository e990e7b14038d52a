import { cborDecode, DataItem, DateOnly, DeviceResponse, SessionTranscript, Verifier, type VerificationAssessment } from '@owf/mdoc';
import { PasserelleError, type ErrorCode } from '../../../core/errors.js';
import { mdocContext } from '../../../mdoc/node-context.js';
import { pidDocType, pidNamespace } from '../pid-claims.js';
import type { TrustedList } from '../trusted-list.js';
import type { PresentationContext, VerifiedPid } from '../verified-pid.js';
import { checkIssuerChain } from './check-issuer-chain.js';
import { checkMdocDeviceAuthPresent } from './check-mdoc-device-auth.js';
import { checkMdocDigests } from './check-mdoc-digests.js';
import { checkStatus, statusReference, type StatusCheckOptions } from './check-status.js';

const maxLength = 96 * 1024;
/** The library's digest check hashes a re-encoding of each item; ours (over the received bytes) replaces it. */
const libraryDigestCheck = 'The calculated digest for';

/** Which refusal a failed library check becomes. */
const codeByCategory: Record<VerificationAssessment['category'], ErrorCode> = {
  DOCUMENT_FORMAT: 'wallet_response_malformed',
  DEVICE_AUTH: 'wallet_key_binding_invalid',
  ISSUER_AUTH: 'wallet_signature_invalid',
  DATA_INTEGRITY: 'wallet_disclosure_invalid',
  READER_AUTH: 'wallet_response_malformed',
};

/**
 * An mdoc PID presentation (base64url DeviceResponse, ISO 18013-5 with the OpenID4VP 1.0
 * handover): exactly one document of the PID doctype; the issuer's x5chain reaches a trusted
 * PID provider; then the library checks the issuer signature, the digests of every disclosed
 * item, the MSO validity and the device signature over the SessionTranscript we compute from
 * our client id, nonce, the ephemeral key's thumbprint and the response URI (over the DC API:
 * our origin, nonce and the key's thumbprint). A device signature made for another transcript
 * (another verifier, origin, nonce or key) fails there. The digests of the
 * disclosed items are checked here, over the bytes as received (check-mdoc-digests.ts), and the
 * claims read from those bytes; the library's own digest check (over its re-encoding) is not used.
 * Finally the MSO's status list entry, when it has one (the library does not look at it).
 */
export async function verifyMdocPid(presentation: unknown, list: TrustedList, context: PresentationContext, status: Omit<StatusCheckOptions, 'list' | 'provider' | 'now'>): Promise<VerifiedPid> {
  if (typeof presentation !== 'string' || presentation.length > maxLength || !/^[A-Za-z0-9_-]+$/.test(presentation)) {
    throw new PasserelleError('wallet_response_malformed', 'the mdoc presentation is not base64url of acceptable size');
  }
  // A copy with its own buffer: the digest check reads each item's bytes back out of it.
  const bytes = new Uint8Array(Buffer.from(presentation, 'base64url'));
  checkMdocDeviceAuthPresent(bytes);
  let response: DeviceResponse;
  try {
    response = DeviceResponse.decode(bytes);
  } catch (error) {
    throw new PasserelleError('wallet_response_malformed', 'the DeviceResponse is unreadable', { cause: error });
  }
  const documents = response.documents ?? [];
  if (documents.length !== 1 || documents[0]!.docType !== pidDocType) throw new PasserelleError('wallet_pid_invalid', 'the DeviceResponse does not hold exactly one PID');
  const document = documents[0]!;
  const issuerAuth = document.issuerSigned.issuerAuth;
  if (issuerAuth.mobileSecurityObject.docType !== pidDocType) throw new PasserelleError('wallet_pid_invalid', 'the MSO is not for the PID doctype');
  const { provider } = checkIssuerChain(list, issuerAuth.x5chain, context.now);

  const { handover } = context;
  const transcript = handover.kind === 'redirect'
    ? await SessionTranscript.forOid4Vp({ clientId: handover.clientId, nonce: context.nonce, responseUri: handover.responseUri, jwkThumbprint: context.encryptionJwkThumbprint }, mdocContext)
    // OpenID4VPDCAPIHandoverInfo: the origin without the `origin:` prefix (OpenID4VP 1.0 B.2.6.2).
    : await SessionTranscript.forOid4VpDcApi({ origin: handover.origin, nonce: context.nonce, jwkThumbprint: context.encryptionJwkThumbprint }, mdocContext);
  const failures: VerificationAssessment[] = [];
  try {
    await Verifier.verifyDeviceResponse({
      deviceResponse: response, sessionTranscript: transcript, trustedCertificates: provider.anchors.map((a) => new Uint8Array(a.raw)),
      disableCertificateChainValidation: true, now: new Date(context.now), skewSeconds: context.skewSeconds,
      onCheck: (check) => { if (check.status === 'FAILED' && !check.check.startsWith(libraryDigestCheck)) failures.push(check); },
    }, mdocContext);
  } catch (error) {
    throw new PasserelleError('wallet_response_malformed', 'the DeviceResponse could not be checked', { cause: error });
  }
  const failed = failures[0];
  if (failed) {
    const code = failed.check.startsWith('The MSO must be valid') ? 'wallet_credential_expired' : codeByCategory[failed.category];
    throw new PasserelleError(code, `mdoc check failed: ${failed.check}`);
  }
  const mso = issuerAuth.mobileSecurityObject;
  const elements = checkMdocDigests(bytes, { digestAlgorithm: mso.digestAlgorithm, valueDigests: mso.valueDigests.valueDigests }, pidNamespace);
  const claims = Object.fromEntries([...elements].map(([identifier, value]) => [identifier, plain(value)]));
  const reference = statusReference(msoStatus(issuerAuth.payload));
  if (reference) await checkStatus(reference, { ...status, list, provider, now: context.now });
  return { format: 'mso_mdoc', provider, claims };
}

/** CBOR values as JSON-like values: full-dates as ISO strings, maps as objects. */
function plain(value: unknown): unknown {
  if (value instanceof DateOnly) return value.toISOString().slice(0, 10);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Map) return Object.fromEntries([...value.entries()].map(([k, v]) => [String(k), plain(v)]));
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** The MSO's `status` entry (Token Status List reference), read from the signed bytes. */
function msoStatus(payload: Uint8Array | null): unknown {
  if (!payload) return undefined;
  const decoded = cborDecode<unknown>(payload);
  const mso = decoded instanceof DataItem ? decoded.data : decoded;
  return mso instanceof Map ? plain(mso.get('status')) : undefined;
}
