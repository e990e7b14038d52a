import { cborDecode, cborEncode, DataItem } from '@owf/mdoc';

type CborMap = Map<unknown, unknown>;

/**
 * An IssuerSignedItem encoded with the elementValue text's length in the one-byte form (0x78 n)
 * where the preferred form puts it in the initial byte: valid CBOR, same values, other bytes.
 */
export function longFormValue(item: Uint8Array): Uint8Array {
  const value = (cborDecode(item) as CborMap).get('elementValue');
  if (typeof value !== 'string') return item;
  const text = Buffer.from(value, 'utf8');
  if (text.length >= 24) return item;
  const preferred = Buffer.concat([Buffer.from([0x60 + text.length]), text]);
  const bytes = Buffer.from(item);
  const at = bytes.lastIndexOf(preferred);
  if (at < 0) throw new Error('elementValue not found in the item');
  return new Uint8Array(Buffer.concat([bytes.subarray(0, at), Buffer.from([0x78, text.length]), text, bytes.subarray(at + preferred.length)]));
}

/** The issuer side: every item of the mdoc encoded so (and digested so). */
export const issueWithLongFormValues = (item: Map<string, unknown>) => longFormValue(cborEncode(item));

/**
 * The holder side: one disclosed item of a DeviceResponse (base64url) re-encoded with the long
 * form. Its values are unchanged, so a verifier that hashes a re-encoding still finds the MSO
 * digest; one that hashes the bytes received does not. The device signature does not cover it.
 */
export function reencodeDisclosedItem(presentation: string, elementIdentifier: string): string {
  const response = cborDecode(new Uint8Array(Buffer.from(presentation, 'base64url'))) as CborMap;
  let replaced = false;
  for (const document of response.get('documents') as CborMap[]) {
    const namespaces = (document.get('issuerSigned') as CborMap).get('nameSpaces') as CborMap;
    for (const [namespace, items] of namespaces) {
      namespaces.set(namespace, (items as DataItem[]).map((item) => {
        if ((item.data as CborMap).get('elementIdentifier') !== elementIdentifier) return item;
        replaced = true;
        return DataItem.fromBuffer(longFormValue(item.buffer));
      }));
    }
  }
  if (!replaced) throw new Error(`${elementIdentifier} is not disclosed`);
  return Buffer.from(cborEncode(response)).toString('base64url');
}

/** The DeviceResponse (base64url) changed by `edit` on its decoded CBOR (tag-24 items and signatures keep their bytes). */
export function editDeviceResponse(presentation: string, edit: (document: CborMap) => void): string {
  const response = cborDecode(new Uint8Array(Buffer.from(presentation, 'base64url'))) as CborMap;
  for (const document of response.get('documents') as CborMap[]) edit(document);
  return Buffer.from(cborEncode(response)).toString('base64url');
}

/** One disclosed item given another value (same digest id and salt): the MSO digest no longer matches. */
export function alterDisclosedItem(presentation: string, elementIdentifier: string, value: unknown): string {
  return editDeviceResponse(presentation, (document) => {
    const namespaces = (document.get('issuerSigned') as CborMap).get('nameSpaces') as CborMap;
    for (const [namespace, items] of namespaces) {
      namespaces.set(namespace, (items as DataItem[]).map((item) => {
        const content = item.data as CborMap;
        if (content.get('elementIdentifier') !== elementIdentifier) return item;
        return DataItem.fromData(new Map([...content.entries()].map(([k, v]) => [k, k === 'elementValue' ? value : v])));
      }));
    }
  });
}
