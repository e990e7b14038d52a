import { createCipheriv, createDecipheriv, createHash, diffieHellman, type KeyObject } from 'node:crypto';
import type { KeyWrap, NodeHash } from './algorithms.js';

const keyWrapIv = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

/**
 * ConcatKDF (NIST SP 800-56A §5.8.1, XML Encryption 1.1 §5.4.1): SHA(counter_be32 ‖ Z ‖ OtherInfo), counter
 * from 1. OtherInfo is AlgorithmID ‖ PartyUInfo ‖ PartyVInfo (‖ SuppPubInfo ‖ SuppPrivInfo) with each field's
 * leading padding-bit-count byte already removed (MANIFEST C1).
 */
export function concatKdf(hash: NodeHash, sharedSecret: Buffer, otherInfo: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  let produced = 0;
  for (let counter = 1; produced < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = createHash(hash).update(c).update(sharedSecret).update(otherInfo).digest();
    blocks.push(block);
    produced += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** ECDH shared secret Z (the x coordinate). Works for NIST and brainpool curves alike through OpenSSL. */
export function ecdhSharedSecret(privateKey: KeyObject, publicKey: KeyObject): Buffer {
  return diffieHellman({ privateKey, publicKey });
}

/** RFC 3394 AES key unwrap; undefined when the integrity check fails. */
export function unwrapKey(wrap: KeyWrap, kek: Buffer, wrapped: Buffer): Buffer | undefined {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return undefined;
  try {
    const decipher = createDecipheriv(wrap.nodeName, kek, keyWrapIv);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return undefined;
  }
}

export function wrapKey(wrap: KeyWrap, kek: Buffer, key: Buffer): Buffer {
  const cipher = createCipheriv(wrap.nodeName, kek, keyWrapIv);
  return Buffer.concat([cipher.update(key), cipher.final()]);
}
