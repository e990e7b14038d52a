import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
/** The EC eIDAS-Node test vectors, vendored with their provenance and licence (test/fixtures/eidas-node/README.md). */
export const vectorsDir = path.resolve(repoRoot, 'test/fixtures/eidas-node');
export const independentDir = path.resolve(repoRoot, 'test/fixtures/saml/independent');

export const readVector = (relative: string): string => readFileSync(path.join(vectorsDir, relative), 'utf8');
export const vectorKey = (name: string): KeyObject => createPrivateKey(readVector(`keys/${name}`));

export const readIndependent = (relative: string): string => readFileSync(path.join(independentDir, relative), 'utf8');
export const independentKey = (name: string): KeyObject => createPrivateKey(readIndependent(`keys/${name}.key.pem`));
export const independentCert = (name: string): string => readIndependent(`keys/${name}.crt.pem`);
