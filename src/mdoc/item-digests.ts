import { createHash } from 'node:crypto';
import { cborDecode, DataItem } from '@owf/mdoc';

type CborMap = Map<unknown, unknown>;

const digestNames: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const tag24 = [0xd8, 0x18];

export interface MsoDigests {
  digestAlgorithm: string;
  /** Namespace → digest id → digest, from the signed MSO. */
  valueDigests: ReadonlyMap<string, ReadonlyMap<number, Uint8Array>>;
}

/**
 * Why the items were refused: `malformed` (not a DeviceResponse of tag-24 items) or `digest`
 * (an item the MSO does not sign as received). Each verifier maps this to its own codes.
 */
export class MdocItemError extends Error {
  constructor(readonly kind: 'malformed' | 'digest', message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MdocItemError';
  }
}

const malformed = (reason: string, cause?: unknown) => new MdocItemError('malformed', `mdoc item bytes: ${reason}`, cause === undefined ? undefined : { cause });
const mismatch = (reason: string) => new MdocItemError('digest', reason);

/**
 * The exact IssuerSignedItemBytes as received: `#6.24(bstr)` around the item, taken from the
 * DeviceResponse's own bytes. The decoder hands each tag-24 item over as a view into those bytes,
 * so the head before it (bstr length, then the tag) is read back from there, whatever length form
 * the issuer used.
 */
function receivedBytes(item: DataItem, source: Uint8Array): Uint8Array {
  const inner = item.buffer;
  if (inner.buffer !== source.buffer) throw malformed('an item is not a view into the response');
  const start = inner.byteOffset - source.byteOffset;
  for (const headLength of [1, 2, 3, 5, 9]) {
    const at = start - headLength;
    if (at < 2 || source[at - 2] !== tag24[0] || source[at - 1] !== tag24[1]) continue;
    const initial = source[at]!;
    if (initial >> 5 !== 2) continue;
    const info = initial & 0x1f;
    const expected = headLength === 1 ? info : ({ 2: 24, 3: 25, 5: 26, 9: 27 } as Record<number, number>)[headLength];
    if (info !== expected) continue;
    let length = headLength === 1 ? info : 0;
    for (let i = 1; i < headLength; i++) length = length * 256 + source[at + i]!;
    if (length === inner.length) return source.subarray(at - 2, start + inner.length);
  }
  throw malformed('the tag-24 head of an item cannot be found');
}

/**
 * ISO 18013-5 §9.1.2.5: each disclosed item's digest is computed over the IssuerSignedItemBytes
 * exactly as received and must equal the MSO's digest for its namespace and digest id. (The
 * library decodes each item and hashes its own re-encoding, which accepts bytes the issuer never
 * signed when they decode to the same values, and refuses an issuer's valid non-preferred
 * encoding.) Returns the disclosed elements of `namespace`, read from those same bytes; throws
 * MdocItemError. Shared by the wallet login verifier and the evidence presentation verifier.
 */
export function readSignedItems(response: Uint8Array, mso: MsoDigests, namespace: string): Map<string, unknown> {
  const algorithm = digestNames[mso.digestAlgorithm];
  if (!algorithm) throw mismatch(`digest algorithm ${mso.digestAlgorithm} is not accepted`);
  let nameSpaces: CborMap | undefined;
  try {
    const decoded = cborDecode<CborMap>(response);
    const documents = decoded.get('documents') as CborMap[];
    nameSpaces = (documents[0]!.get('issuerSigned') as CborMap).get('nameSpaces') as CborMap | undefined;
  } catch (error) {
    throw malformed('the DeviceResponse is unreadable', error);
  }
  const elements = new Map<string, unknown>();
  for (const [ns, items] of nameSpaces ?? new Map()) {
    const digests = mso.valueDigests.get(String(ns));
    if (!Array.isArray(items) || !digests) throw mismatch('a namespace the MSO does not sign');
    const seen = new Set<number>();
    for (const item of items as unknown[]) {
      if (!(item instanceof DataItem)) throw malformed('an item is not tag 24');
      const bytes = receivedBytes(item, response);
      let content: CborMap;
      try {
        content = cborDecode<CborMap>(item.buffer);
      } catch (error) {
        throw malformed('an IssuerSignedItem is unreadable', error);
      }
      const digestId = content.get('digestID');
      const identifier = content.get('elementIdentifier');
      if (typeof digestId !== 'number' || typeof identifier !== 'string' || seen.has(digestId)) throw malformed('digest id missing or repeated');
      seen.add(digestId);
      const expected = digests.get(digestId);
      const actual = createHash(algorithm).update(bytes).digest();
      if (!expected || !actual.equals(Buffer.from(expected))) {
        throw mismatch(`the received bytes of ${String(ns)}/${identifier} do not match the MSO digest`);
      }
      if (String(ns) !== namespace) continue;
      if (elements.has(identifier)) throw malformed(`${identifier} disclosed twice`);
      elements.set(identifier, content.get('elementValue'));
    }
  }
  return elements;
}
