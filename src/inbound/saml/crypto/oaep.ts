import { constants, createHash, privateDecrypt, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import type { NodeHash } from './algorithms.js';

/**
 * RSAES-OAEP (RFC 8017 §7.1) with independent label hash and MGF1 hash, over raw RSA. Node's own OAEP
 * uses one hash for both, which cannot decrypt `rsa-oaep-mgf1p` with a SHA-256 DigestMethod (MGF1 is
 * fixed to SHA-1 there). Decoding does the same work whatever is wrong and reports one result: no oracle.
 */
export interface OaepParameters { hash: NodeHash; mgfHash: NodeHash; label: Buffer }

function mgf1(seed: Buffer, length: number, hash: NodeHash): Buffer {
  const chunks: Buffer[] = [];
  let produced = 0;
  for (let counter = 0; produced < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(seed).update(c).digest();
    chunks.push(block);
    produced += block.length;
  }
  return Buffer.concat(chunks).subarray(0, length);
}

function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.alloc(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

function modulusBytes(key: KeyObject): number {
  return Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}

/** Returns the message, or undefined for any decoding failure (the caller must not tell them apart). */
export function oaepDecrypt(privateKey: KeyObject, ciphertext: Buffer, params: OaepParameters): Buffer | undefined {
  const k = modulusBytes(privateKey);
  const labelHash = createHash(params.hash).update(params.label).digest();
  const hLen = labelHash.length;
  if (ciphertext.length !== k || k < 2 * hLen + 2) return undefined;
  let em: Buffer;
  try {
    em = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    return undefined; // ciphertext ≥ modulus: public information, not an oracle
  }
  if (em.length < k) em = Buffer.concat([Buffer.alloc(k - em.length), em]);
  const maskedSeed = em.subarray(1, 1 + hLen);
  const maskedDb = em.subarray(1 + hLen);
  const seed = xor(maskedSeed, mgf1(maskedDb, hLen, params.mgfHash));
  const db = xor(maskedDb, mgf1(seed, k - hLen - 1, params.mgfHash));

  // Accumulate every check without branching on secret data, then decide once.
  let bad = em[0]!;
  for (let i = 0; i < hLen; i++) bad |= db[i]! ^ labelHash[i]!;
  let separator = 0;
  let lookingForSeparator = 1;
  for (let i = hLen; i < db.length; i++) {
    const byte = db[i]!;
    const isOne = Number(byte === 1);
    const isZero = Number(byte === 0);
    separator += lookingForSeparator * isOne * i;
    bad |= lookingForSeparator & Number(!isOne && !isZero);
    lookingForSeparator &= Number(!isOne);
  }
  bad |= lookingForSeparator;
  return bad === 0 ? Buffer.from(db.subarray(separator + 1)) : undefined;
}

export function oaepEncrypt(publicKey: KeyObject, message: Buffer, params: OaepParameters): Buffer {
  const k = modulusBytes(publicKey);
  const labelHash = createHash(params.hash).update(params.label).digest();
  const hLen = labelHash.length;
  if (message.length > k - 2 * hLen - 2) throw new Error('message too long for RSA-OAEP');
  const db = Buffer.concat([labelHash, Buffer.alloc(k - message.length - 2 * hLen - 2), Buffer.from([1]), message]);
  const seed = randomBytes(hLen);
  const maskedDb = xor(db, mgf1(seed, db.length, params.mgfHash));
  const maskedSeed = xor(seed, mgf1(maskedDb, hLen, params.mgfHash));
  const em = Buffer.concat([Buffer.from([0]), maskedSeed, maskedDb]);
  return publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, em);
}
