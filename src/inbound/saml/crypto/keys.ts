import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { namedCurves } from './algorithms.js';

/** A trusted key as the caller gives it: a KeyObject, or a PEM certificate/public key from metadata. */
export type TrustedKey = KeyObject | string;

/** Public KeyObject of a trusted key. Certificates are used for their key only: trust comes from metadata. */
export function publicKeyOf(trusted: TrustedKey): KeyObject {
  if (typeof trusted !== 'string') return trusted.type === 'private' ? createPublicKey(trusted) : trusted;
  const cached = parsedKeys.get(trusted);
  if (cached) return cached;
  const key = parsePublicKey(trusted);
  // Bounded: trusted keys come from metadata (a handful per country); a full map starts again.
  if (parsedKeys.size >= maxParsedKeys) parsedKeys.clear();
  parsedKeys.set(trusted, key);
  return key;
}

/** X.509 parsing costs more than the signature check it serves: each trusted string is parsed once. */
const parsedKeys = new Map<string, KeyObject>();
const maxParsedKeys = 256;

function parsePublicKey(trusted: string): KeyObject {
  if (trusted.includes('BEGIN CERTIFICATE')) return new X509Certificate(trusted).publicKey;
  if (trusted.includes('BEGIN')) return createPublicKey(trusted);
  // bare base64 DER certificate, as in metadata's ds:X509Certificate
  return new X509Certificate(Buffer.from(trusted.replace(/\s+/g, ''), 'base64')).publicKey;
}

export function isRsa(key: KeyObject): boolean {
  return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss';
}

export function rsaBits(key: KeyObject): number {
  return key.asymmetricKeyDetails?.modulusLength ?? 0;
}

/** The curve entry of an EC key, or undefined for anything else (including unsupported curves). */
export function curveOf(key: KeyObject): (typeof namedCurves)[number] | undefined {
  if (key.asymmetricKeyType !== 'ec') return undefined;
  const name = key.asymmetricKeyDetails?.namedCurve;
  return namedCurves.find((curve) => curve.nodeName === name);
}

export function curveByOid(oid: string): (typeof namedCurves)[number] | undefined {
  return namedCurves.find((curve) => curve.oid === oid);
}

/** DER of an OID (dotted form), for building SubjectPublicKeyInfo of a received EC point. */
function oidDer(oid: string): Buffer {
  const parts = oid.split('.').map(Number);
  const bytes = [40 * parts[0]! + parts[1]!];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let rest = Math.floor(part / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return Buffer.concat([Buffer.from([0x06, bytes.length]), Buffer.from(bytes)]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  if (length < 0x100) return Buffer.from([0x81, length]);
  return Buffer.from([0x82, length >> 8, length & 0xff]);
}

function derSequence(...items: Buffer[]): Buffer {
  const body = Buffer.concat(items);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

const ecPublicKeyOid = '1.2.840.10045.2.1';

/**
 * Public KeyObject for an uncompressed EC point on a named curve. OpenSSL checks that the point lies on
 * the curve, which is what stops invalid-curve attacks on our ECDH private key.
 */
export function ecPublicKeyFromPoint(curveOid: string, point: Buffer): KeyObject {
  const bitString = Buffer.concat([Buffer.from([0x03]), derLength(point.length + 1), Buffer.from([0x00]), point]);
  const spki = derSequence(derSequence(oidDer(ecPublicKeyOid), oidDer(curveOid)), bitString);
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

/** The uncompressed point (04 || X || Y) of an EC public key, for ds11:ECKeyValue/PublicKey. */
export function ecPointOf(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const curve = curveOf(publicKey);
  if (!curve) throw new Error('unsupported EC curve');
  const pointLength = 1 + 2 * curve.coordinateBytes;
  return spki.subarray(spki.length - pointLength);
}
