import { createHash, randomBytes, randomInt } from 'node:crypto';
import {
  cborDecode, cborEncode, CoseKey, DataItem, DeviceKey, DeviceKeyInfo, Header, IssuerAuth, IssuerSigned, MobileSecurityObject,
  ProtectedHeaders, SignatureAlgorithm, UnprotectedHeaders, ValidityInfo, ValueDigests,
} from '@owf/mdoc';
import { exportJWK, type JWK } from 'jose';
import { mdocContext } from '../../mdoc/node-context.js';
import type { DemoCertificate } from './certificates.js';

export interface MdocIssuance {
  signer: DemoCertificate;
  docType: string;
  namespace: string;
  claims: Record<string, unknown>;
  holderJwk: JWK;
  validFrom: Date;
  validUntil: Date;
  /** Token Status List reference put in the MSO (`status.status_list`, ISO 18013-5 2nd ed.). */
  status?: { idx: number; uri: string };
  /** How an IssuerSignedItem map becomes bytes (tests: a valid but not preferred CBOR encoding). */
  encodeItem?: (item: Map<string, unknown>) => Uint8Array;
}

/** An issued mdoc as its holder keeps it: the encoded IssuerSigned, whose item bytes are the ones the MSO digests. */
export interface HeldMdoc {
  bytes: Uint8Array;
  issuerSigned: IssuerSigned;
}

/**
 * The demo PID provider's own mdoc issuance. @owf/mdoc's Issuer cannot put a `status` in the MSO
 * and encodes every item itself, so this builds the MSO (with the Token Status List reference),
 * digests each IssuerSignedItemBytes (tag 24 over the item's encoded bytes) exactly as it will be
 * sent, and signs the COSE_Sign1 with the library, ES256 with the signer in `x5chain`.
 */
export async function issueMdoc(input: MdocIssuance): Promise<HeldMdoc> {
  const encodeItem = input.encodeItem ?? ((item: Map<string, unknown>) => cborEncode(item));
  const usedIds = new Set<number>();
  const items = Object.entries(input.claims).map(([elementIdentifier, elementValue]) => {
    let digestId: number;
    do digestId = randomInt(0, 2 ** 31); while (usedIds.has(digestId));
    usedIds.add(digestId);
    const item = new Map<string, unknown>([['digestID', digestId], ['random', new Uint8Array(randomBytes(32))], ['elementIdentifier', elementIdentifier], ['elementValue', elementValue]]);
    return { digestId, dataItem: DataItem.fromBuffer(encodeItem(item)) };
  });
  const digests = new Map(items.map(({ digestId, dataItem }) => [digestId, new Uint8Array(createHash('sha256').update(cborEncode(dataItem)).digest())]));
  const mso = MobileSecurityObject.create({
    docType: input.docType, digestAlgorithm: 'SHA-256',
    valueDigests: ValueDigests.create({ digests: new Map([[input.namespace, digests]]) }),
    deviceKeyInfo: DeviceKeyInfo.create({ deviceKey: DeviceKey.fromJwk(input.holderJwk as Record<string, unknown>) }),
    validityInfo: ValidityInfo.create({ signed: new Date(), validFrom: input.validFrom, validUntil: input.validUntil }),
  });
  const msoMap = mso.encodedStructure as Map<string, unknown>;
  if (input.status) msoMap.set('status', new Map([['status_list', new Map<string, unknown>([['idx', input.status.idx], ['uri', input.status.uri]])]]));
  const issuerAuth = await IssuerAuth.create({
    payload: cborEncode(DataItem.fromData(msoMap)),
    protectedHeaders: ProtectedHeaders.create({ protectedHeaders: new Map([[Header.Algorithm, SignatureAlgorithm.ES256]]) }),
    unprotectedHeaders: UnprotectedHeaders.create({ unprotectedHeaders: new Map([[Header.X5Chain, new Uint8Array(Buffer.from(input.signer.der, 'base64'))]]) }),
    signingKey: CoseKey.fromJwk(await exportJWK(input.signer.privateKey) as Record<string, unknown>),
    algorithm: SignatureAlgorithm.ES256,
  }, mdocContext);
  const bytes = cborEncode(new Map<string, unknown>([
    ['nameSpaces', new Map([[input.namespace, items.map((i) => i.dataItem)]])],
    ['issuerAuth', issuerAuth.encodedStructure],
  ]));
  return { bytes, issuerSigned: IssuerSigned.decode(bytes) };
}

type CborMap = Map<unknown, unknown>;

/**
 * The library re-encodes every IssuerSignedItem when it builds a DeviceResponse; a holder must
 * send the bytes it was issued (the MSO digests those). This puts them back, by digest id, into
 * the response's issuerSigned nameSpaces; the device signature does not cover them.
 */
export function withIssuedItemBytes(deviceResponse: Uint8Array, held: HeldMdoc): Uint8Array {
  const issued = cborDecode(held.bytes) as CborMap;
  const byId = new Map<string, DataItem>();
  for (const [namespace, list] of (issued.get('nameSpaces') as CborMap)) {
    for (const item of list as DataItem[]) byId.set(`${String(namespace)}\0${String((item.data as CborMap).get('digestID'))}`, item);
  }
  const response = cborDecode(deviceResponse) as CborMap;
  for (const document of response.get('documents') as CborMap[]) {
    const namespaces = (document.get('issuerSigned') as CborMap).get('nameSpaces') as CborMap;
    for (const [namespace, list] of namespaces) {
      namespaces.set(namespace, (list as DataItem[]).map((item) => byId.get(`${String(namespace)}\0${String((item.data as CborMap).get('digestID'))}`) ?? item));
    }
  }
  return cborEncode(response);
}
