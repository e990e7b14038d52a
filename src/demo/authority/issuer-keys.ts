import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { calculateJwkThumbprint, type JWK } from 'jose';

export interface AuthorityIssuerKey {
  kid: string;
  privateKey: KeyObject;
  privateJwk: JWK;
  publicJwk: JWK;
}

/**
 * The authority's ES256 credential-signing key: `<keysDirectory>/<authority id>/issuer-es256.key.pem`,
 * generated on first start (directory 0700, file 0600) and reused afterwards, so credentials a
 * portal already holds keep verifying across restarts. kid = RFC 7638 thumbprint.
 */
export async function loadOrCreateIssuerKey(keysDirectory: string, authorityId: string): Promise<AuthorityIssuerKey> {
  const directory = path.join(keysDirectory, authorityId);
  const file = path.join(directory, 'issuer-es256.key.pem');
  if (!existsSync(file)) {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, file);
  }
  const privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  if (privateKey.asymmetricKeyType !== 'ec' || privateKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error(`${file} is not an EC P-256 key`);
  }
  const bare = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(bare, 'sha256');
  const publicJwk: JWK = { kty: bare.kty, crv: bare.crv, x: bare.x, y: bare.y, kid, alg: 'ES256', use: 'sig' };
  const privateJwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid };
  return { kid, privateKey, privateJwk, publicJwk };
}
