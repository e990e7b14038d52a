import { CoseKey, DataItem, DeviceKey, Issuer, IssuerAuth, IssuerSigned, SignatureAlgorithm, cborDecode, cborEncode } from '@owf/mdoc';
import { exportJWK, type JWK } from 'jose';
import type { AppContext } from '../../context.js';
import { PasserelleError } from '../../core/errors.js';
import { mdocContext } from '../../mdoc/node-context.js';
import { signingKey, statusListUri } from '../issuer.js';
import type { StatusEntryRef } from '../status/lists.js';
import { mdocDocType } from './configurations.js';
import { disclosable, type CredentialContent } from './credential-content.js';

/**
 * One mdoc (ISO/IEC 18013-5 IssuerSigned, base64url as OpenID4VCI carries it) of doctype
 * `eu.passerelle.evidence.<type>.1`, one namespace of the same name, the holder key as device
 * key, signed with the evidence-signing key and its certificate as x5chain. The library does not
 * write a `status` into the MSO, so the MSO is signed again with the Token Status List reference
 * added (the same `status` structure as the SD-JWT VC's, which verifiers read from the MSO).
 */
export async function issueMdocCredential(ctx: AppContext, input: {
  content: CredentialContent; holder: JWK; status: StatusEntryRef; issuedAt: number; expiresAt: number;
}): Promise<string> {
  const key = signingKey(ctx);
  if (!key.certificateBase64) throw new PasserelleError('key_missing', `evidence-signing key ${key.kid} has no certificate for the mdoc x5chain`);
  const docType = mdocDocType(input.content.evidenceType);
  const signingCoseKey = CoseKey.fromJwk(await exportJWK(key.privateKey!) as Record<string, unknown>);
  const signed = await new Issuer(docType, mdocContext)
    .addIssuerNamespace(docType, disclosable(input.content))
    .sign({
      signingKey: signingCoseKey, algorithm: SignatureAlgorithm.ES256, digestAlgorithm: 'SHA-256',
      validityInfo: { signed: new Date(input.issuedAt), validFrom: new Date(input.issuedAt), validUntil: new Date(input.expiresAt) },
      deviceKeyInfo: { deviceKey: DeviceKey.fromJwk(input.holder as Record<string, unknown>) },
      certificates: [new Uint8Array(Buffer.from(key.certificateBase64, 'base64'))],
    });
  const decoded = cborDecode<unknown>(signed.issuerAuth.payload!);
  const mso = decoded instanceof DataItem ? decoded.data : decoded;
  if (!(mso instanceof Map)) throw new PasserelleError('internal_error', 'the MSO is not a map');
  mso.set('status', new Map([['status_list', new Map<string, unknown>([['idx', input.status.idx], ['uri', statusListUri(ctx, input.status.listId)]])]]));
  const issuerAuth = await IssuerAuth.create({
    protectedHeaders: signed.issuerAuth.protectedHeaders, unprotectedHeaders: signed.issuerAuth.unprotectedHeaders,
    payload: cborEncode(DataItem.fromData(mso)), signingKey: signingCoseKey,
  }, mdocContext);
  return IssuerSigned.create({ issuerNamespaces: signed.issuerNamespaces, issuerAuth }).encodedForOid4Vci;
}
