import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { BlockCipher } from './algorithms.js';

const gcmIvBytes = 12;
const gcmTagBytes = 16;
const cbcBlock = 16;

/** Whether a CipherValue is long enough to hold IV (and tag) for this cipher: public, checked before keys. */
export function cipherValueLooksComplete(cipher: BlockCipher, cipherValue: Buffer): boolean {
  if (cipher.mode === 'gcm') return cipherValue.length >= gcmIvBytes + gcmTagBytes;
  return cipherValue.length >= 2 * cbcBlock && cipherValue.length % cbcBlock === 0;
}

/**
 * Decrypts XML Encryption CipherValue bytes. GCM: IV(12) ‖ ciphertext ‖ tag(16), no AAD. CBC: IV(16) ‖
 * ciphertext with XML Encryption padding (only the last byte counts). Undefined on any failure.
 */
export function decryptData(cipher: BlockCipher, key: Buffer, cipherValue: Buffer): Buffer | undefined {
  try {
    if (cipher.mode === 'gcm') {
      const iv = cipherValue.subarray(0, gcmIvBytes);
      const tag = cipherValue.subarray(cipherValue.length - gcmTagBytes);
      const decipher = createDecipheriv(cipher.nodeName as 'aes-256-gcm', key, iv, { authTagLength: gcmTagBytes });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(cipherValue.subarray(gcmIvBytes, cipherValue.length - gcmTagBytes)), decipher.final()]);
    }
    const decipher = createDecipheriv(cipher.nodeName, key, cipherValue.subarray(0, cbcBlock));
    decipher.setAutoPadding(false);
    const padded = Buffer.concat([decipher.update(cipherValue.subarray(cbcBlock)), decipher.final()]);
    const padding = padded[padded.length - 1]!;
    if (padding < 1 || padding > cbcBlock) return undefined;
    return padded.subarray(0, padded.length - padding);
  } catch {
    return undefined;
  }
}

export function encryptData(cipher: BlockCipher, key: Buffer, plaintext: Buffer): Buffer {
  if (cipher.mode === 'gcm') {
    const iv = randomBytes(gcmIvBytes);
    const encipher = createCipheriv(cipher.nodeName as 'aes-256-gcm', key, iv, { authTagLength: gcmTagBytes });
    const body = Buffer.concat([encipher.update(plaintext), encipher.final()]);
    return Buffer.concat([iv, body, encipher.getAuthTag()]);
  }
  // Only tests produce CBC (to prove it is refused by default); XML Encryption padding with random filler.
  const iv = randomBytes(cbcBlock);
  const padding = cbcBlock - (plaintext.length % cbcBlock);
  const filler = Buffer.concat([randomBytes(padding - 1), Buffer.from([padding])]);
  const encipher = createCipheriv(cipher.nodeName, key, iv);
  encipher.setAutoPadding(false);
  return Buffer.concat([iv, encipher.update(Buffer.concat([plaintext, filler])), encipher.final()]);
}
