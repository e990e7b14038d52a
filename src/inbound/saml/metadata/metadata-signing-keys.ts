import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PasserelleError } from '../../../core/errors.js';

/**
 * The keys a country's metadata may be signed with: every certificate (or bare public key)
 * in each configured PEM file. Several files or several certificates in one file give a
 * rollover window: the old and the new key both verify until the old one is removed.
 * Certificate expiry is not checked: these certificates are configured trust anchors, and
 * eIDAS metadata signers rotate them through the metadata itself.
 */
export function readMetadataSigningKeys(files: readonly string[], baseDir: string): Array<string | KeyObject> {
  const keys: Array<string | KeyObject> = [];
  for (const file of files) {
    const full = path.resolve(baseDir, file);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (error) {
      throw new PasserelleError('metadata_invalid', `metadata signing certificate ${full} cannot be read`, { cause: error });
    }
    const certificates = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    for (const pem of certificates) {
      try {
        keys.push(new X509Certificate(pem).toString());
      } catch (error) {
        throw new PasserelleError('metadata_invalid', `metadata signing certificate ${full} is not a valid certificate`, { cause: error });
      }
    }
    const publicKeys = text.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
    for (const pem of publicKeys) keys.push(createPublicKey(pem));
    if (certificates.length + publicKeys.length === 0) {
      throw new PasserelleError('metadata_invalid', `${full} holds no PEM certificate or public key`);
    }
  }
  return keys;
}
