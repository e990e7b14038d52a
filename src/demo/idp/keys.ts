import 'reflect-metadata'; // @peculiar/x509 resolves its ASN.1 services through tsyringe, which needs it
import { createHash, createPrivateKey, randomBytes, webcrypto, X509Certificate, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import type { DemoIdpCountry } from './countries.js';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface DemoIdpKey {
  readonly type: 'RSA' | 'EC';
  readonly privateKey: KeyObject;
  readonly certificatePem: string;
  /** Base64 DER, as it goes into metadata and KeyInfo. */
  readonly certificateBase64: string;
}

function toPem(der: ArrayBuffer, label: string): string {
  const body = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** A self-signed certificate naming the country (C=), as eIDAS node certificates do. */
async function generate(country: DemoIdpCountry, type: 'RSA' | 'EC'): Promise<{ keyPem: string; certPem: string }> {
  const algorithm = type === 'RSA'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 3072 }
    : { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: createHash('sha256').update(randomBytes(16)).digest('hex').slice(0, 16),
    name: `CN=Demo national IdP ${country.code} ${type}, O=Passerelle demo, C=${country.code}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 2 * 365 * 86_400_000),
    keys,
    signingAlgorithm: algorithm,
    extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { keyPem: toPem(pkcs8, 'PRIVATE KEY'), certPem: certificate.toString('pem') + '\n' };
}

async function readPair(dir: string, name: string): Promise<{ keyPem: string; certPem: string } | undefined> {
  try {
    return { keyPem: await readFile(join(dir, `${name}.key.pem`), 'utf8'), certPem: await readFile(join(dir, `${name}.crt.pem`), 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Loads this country's signing keys from `<directory>/<cc>/`, generating any that are missing
 * (private keys mode 0600). Demo keys only: they are made on first start and never leave the machine.
 */
export async function loadOrCreateIdpKeys(directory: string, country: DemoIdpCountry): Promise<DemoIdpKey[]> {
  const dir = join(directory, country.path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const keys: DemoIdpKey[] = [];
  for (const type of country.keyTypes) {
    const name = `signing-${type.toLowerCase()}`;
    let pair = await readPair(dir, name);
    if (!pair) {
      pair = await generate(country, type);
      await writeFile(join(dir, `${name}.key.pem`), pair.keyPem, { mode: 0o600 });
      await writeFile(join(dir, `${name}.crt.pem`), pair.certPem, { mode: 0o644 });
    }
    const certificate = new X509Certificate(pair.certPem);
    const privateKey = createPrivateKey(pair.keyPem);
    if (!certificate.checkPrivateKey(privateKey)) throw new Error(`demo IdP ${country.code}: ${name} key and certificate do not match`);
    keys.push({ type, privateKey, certificatePem: pair.certPem, certificateBase64: certificate.raw.toString('base64') });
  }
  return keys;
}
