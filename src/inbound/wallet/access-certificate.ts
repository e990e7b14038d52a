import { createHash, createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PasserelleError } from '../../core/errors.js';

/** Passerelle's wallet-relying-party access certificate (WRPAC) and its key. */
export interface AccessCertificate {
  privateKey: KeyObject;
  /** Base64 DER, leaf first: the request object's `x5c`. */
  chain: string[];
  /** `x509_hash:` + base64url SHA-256 of the leaf's DER (OpenID4VP 1.0 §5.9.3). */
  clientId: string;
}

export function splitPemCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => new X509Certificate(block));
}

export function x509HashClientId(leafDer: Buffer): string {
  return 'x509_hash:' + createHash('sha256').update(leafDer).digest('base64url');
}

/**
 * Loads the access certificate once at start. The key must match the leaf and be a P-256 key:
 * the request object is signed ES256 (HAIP), and a wallet checks it against the leaf.
 */
export function loadAccessCertificate(baseDir: string, files: { keyFile: string; certificateChainFile: string }): AccessCertificate {
  try {
    const privateKey = createPrivateKey(readFileSync(path.resolve(baseDir, files.keyFile), 'utf8'));
    const certificates = splitPemCertificates(readFileSync(path.resolve(baseDir, files.certificateChainFile), 'utf8'));
    const leaf = certificates[0];
    if (!leaf) throw new Error('the certificate chain file holds no certificate');
    if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') throw new Error('the access key is not a P-256 key');
    if (!leaf.checkPrivateKey(privateKey)) throw new Error('the access key does not belong to the leaf certificate');
    return { privateKey, chain: certificates.map((c) => c.raw.toString('base64')), clientId: x509HashClientId(leaf.raw) };
  } catch (error) {
    throw new PasserelleError('key_missing', `wallet access certificate: ${(error as Error).message}`, { cause: error });
  }
}
