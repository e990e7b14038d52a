import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs it
import { randomBytes, webcrypto, createHash } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { KeyPurpose, KeyType } from './key-types.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface GeneratedKey {
  privateKeyPem: string;
  certificatePem?: string;
  kid: string;
}

function toPem(der: ArrayBuffer, label: string): string {
  const base64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${base64}\n-----END ${label}-----\n`;
}

/** A fresh key id: short, random, URL-safe. */
export function newKid(purpose: KeyPurpose, type: KeyType): string {
  const stamp = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  return `${purpose}-${type.toLowerCase()}-${stamp}-${randomBytes(4).toString('hex')}`;
}

/**
 * Generates a key and, for asymmetric keys, a self-signed certificate valid for two years
 * (SAML metadata carries certificates; their validity is not what we trust, the metadata is).
 */
export async function generateKey(purpose: KeyPurpose, type: KeyType, subjectName: string): Promise<GeneratedKey> {
  const kid = newKid(purpose, type);
  if (type === 'oct') {
    return { kid, privateKeyPem: randomBytes(32).toString('base64') + '\n' };
  }
  const algorithm = type === 'RSA'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 3072 }
    : { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = new Date();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: createHash('sha256').update(kid).digest('hex').slice(0, 16),
    name: `CN=${subjectName.replace(/[,=+<>#;"\\]/g, ' ')}, O=Passerelle`,
    notBefore: new Date(now.getTime() - 60_000),
    notAfter: new Date(now.getTime() + 2 * 365 * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.KeyUsagesExtension(
        purpose.endsWith('encryption')
          ? (type === 'RSA' ? x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.keyAgreement)
          : x509.KeyUsageFlags.digitalSignature,
        true,
      ),
    ],
  }) as x509.X509Certificate;
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { kid, privateKeyPem: toPem(pkcs8, 'PRIVATE KEY'), certificatePem: certificate.toString('pem') + '\n' };
}
