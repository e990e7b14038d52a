import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Keystore } from './keystore.js';

/**
 * Sealing of what a row must keep but nobody may read at rest: the citizen's attributes while a
 * login session lasts (OpenID Provider), a wallet transaction's ephemeral key and verified
 * citizen until the browser takes it (wallet front door). It lives here, beside the keystore,
 * so that neither adapter imports the other. The key is derived
 * with HKDF-SHA256 from a `vault-wrapping` key (info names this use), so it never equals
 * the vault's key-encryption key; the kid travels with the ciphertext so rotation works.
 * AES-256-GCM with the row's identity as additional data: a ciphertext cannot be moved
 * to another citizen's row.
 */
// The info string keeps its first name: rows sealed before the move must still open.
const info = Buffer.from('passerelle/oidc/citizen-attributes/v1', 'utf8');
const version = 'c1';

/**
 * HKDF runs on every seal and open otherwise. Keyed by vault key id and checked against the very secret
 * Buffer the keystore holds, so a key id that were loaded again with another secret derives afresh.
 */
const derivedKeys = new Map<string, { secret: Buffer; key: Buffer }>();

function derivedKey(kid: string, secret: Buffer): Buffer {
  const cached = derivedKeys.get(kid);
  if (cached?.secret === secret) return cached.key;
  const key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
  if (derivedKeys.size >= 64) derivedKeys.clear(); // a handful of vault keys in practice; bounded all the same
  derivedKeys.set(kid, { secret, key });
  return key;
}

export function sealCitizen(keystore: Keystore, binding: string, plaintext: string): string {
  const kek = keystore.active('vault-wrapping');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derivedKey(kek.kid, kek.secret!), iv);
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [version, kek.kid, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Undefined when the ciphertext is malformed, its key is gone, or it was tampered with. */
export function openCitizen(keystore: Keystore, binding: string, sealed: string): string | undefined {
  const [v, kid, iv, ciphertext, tag] = sealed.split('.');
  if (v !== version || !kid || !iv || ciphertext === undefined || !tag) return undefined;
  const kek = keystore.decryptionKeys('vault-wrapping').find((entry) => entry.kid === kid);
  if (!kek?.secret) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', derivedKey(kek.kid, kek.secret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
