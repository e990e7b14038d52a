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
