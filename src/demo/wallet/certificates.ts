import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs it
import { createHash, KeyObject, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };

export interface DemoCertificate {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
  /** The private key as node:crypto sees it. */
  privateKey: KeyObject;
  /** Base64 DER, as x5c carries it. */
  der: string;
  pem: string;
}

function wrap(certificate: x509.X509Certificate, keys: CryptoKeyPair): DemoCertificate {
  return {
    certificate, keys, privateKey: KeyObject.from(keys.privateKey),
    der: Buffer.from(certificate.rawData).toString('base64'), pem: certificate.toString('pem') + '\n',
  };
}

const serial = () => randomBytes(8).toString('hex').replace(/^[89a-f]/, '1');

/** A demo root CA (P-256), valid from a minute ago for `days`. */
export async function demoRootCa(name: string, days = 3650): Promise<DemoCertificate> {
  const keys = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(), name, notBefore: new Date(now - 60_000), notAfter: new Date(now + days * 86_400_000), keys, signingAlgorithm: ecdsa,
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  return wrap(certificate, keys);
}

/** An end-entity signing certificate (P-256) issued by `ca`. */
export async function demoLeaf(ca: DemoCertificate, name: string, options: { days?: number; notBefore?: Date } = {}): Promise<DemoCertificate> {
  const keys = (await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(), subject: name, issuer: ca.certificate.subject, notBefore,
    notAfter: new Date(notBefore.getTime() + (options.days ?? 365) * 86_400_000),
    publicKey: keys.publicKey, signingKey: ca.keys.privateKey, signingAlgorithm: ecdsa,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  return wrap(certificate, keys);
}

/** The x509_hash client id prefix value of a certificate (base64url SHA-256 of its DER). */
export function certificateHash(der: string): string {
  return createHash('sha256').update(Buffer.from(der, 'base64')).digest('base64url');
}
