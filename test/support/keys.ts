import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Keystore } from '../../src/keys/keystore.js';

/** Development keys shared by the whole test run (generated once, cached in test/.keys). */
export const testKeysDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../.keys');

let cached: Promise<Keystore> | undefined;

export function testKeystore(): Promise<Keystore> {
  cached ??= Keystore.open(testKeysDirectory, { generateDevelopmentKeys: true, subject: 'passerelle.test' });
  return cached;
}

/** Demo IdP keys (RSA-3072 is slow to make) are kept between runs in the temp directory. */
export function demoIdpKeysDirectory(): string {
  const dir = path.join(os.tmpdir(), `passerelle-oidc-test-demo-idp-keys-${process.getuid?.() ?? 0}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
