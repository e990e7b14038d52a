import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { PasserelleError } from '../../core/errors.js';
import type { Keystore } from '../../keys/keystore.js';

/**
 * Envelope encryption for the vault: every item gets its own random 256-bit data key,
 * which encrypts the item's parts with AES-256-GCM and is itself wrapped with AES-256-KW
 * (RFC 3394) by the active `vault-wrapping` key. Destroying the wrapped data key destroys
 * the item (crypto-shredding). Each ciphertext is bound to its item and part through the
 * GCM additional data, so parts cannot be swapped between rows.
 */
export const wrapAlgorithm = 'A256KW';
const keyWrapIv = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
const format = 'v1';

export interface WrappedKey { wrapAlg: string; wrapKid: string; wrappedKey: string }

export interface DataKey { key: Buffer; wrapped: WrappedKey }

export function newDataKey(keystore: Keystore): DataKey {
  const kek = keystore.active('vault-wrapping');
  const key = randomBytes(32);
  const cipher = createCipheriv('id-aes256-wrap', kek.secret!, keyWrapIv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return { key, wrapped: { wrapAlg: wrapAlgorithm, wrapKid: kek.kid, wrappedKey: wrapped.toString('base64url') } };
}

/** Unwraps with whichever vault-wrapping key (active, published or retired) has the recorded kid. */
export function unwrapDataKey(keystore: Keystore, wrapped: { wrapAlg: string; wrapKid: string; wrappedKey: string | null }): Buffer {
  if (wrapped.wrappedKey === null) throw new PasserelleError('not_found', 'the data key of this item was destroyed');
  if (wrapped.wrapAlg !== wrapAlgorithm) throw new PasserelleError('internal_error', `unknown wrap algorithm ${wrapped.wrapAlg}`);
  const kek = keystore.decryptionKeys('vault-wrapping').find((entry) => entry.kid === wrapped.wrapKid);
  if (!kek?.secret) throw new PasserelleError('key_missing', `vault-wrapping key ${wrapped.wrapKid} is not in the keystore`);
  try {
    const decipher = createDecipheriv('id-aes256-wrap', kek.secret, keyWrapIv);
    return Buffer.concat([decipher.update(Buffer.from(wrapped.wrappedKey, 'base64url')), decipher.final()]);
  } catch (error) {
    throw new PasserelleError('internal_error', 'a vault data key could not be unwrapped', { cause: error });
  }
}

function additionalData(itemId: string, part: string): Buffer {
  return Buffer.from(`passerelle-vault:${format}:${itemId}:${part}`, 'utf8');
}

export function sealPart(key: Buffer, itemId: string, part: string, plaintext: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additionalData(itemId, part));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [format, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function openPart(key: Buffer, itemId: string, part: string, sealed: string | null): Buffer {
  if (sealed === null) throw new PasserelleError('not_found', 'this item no longer holds content');
  const [version, iv, ciphertext, tag] = sealed.split('.');
  if (version !== format || !iv || ciphertext === undefined || !tag) throw new PasserelleError('internal_error', 'a vault ciphertext is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(additionalData(itemId, part));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  } catch (error) {
    throw new PasserelleError('internal_error', 'a vault ciphertext failed authentication', { cause: error });
  }
}

/** SHA-256 in base64url, the form the authorities' `document_digest` uses too. */
export function sha256Digest(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('base64url');
}
