import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Keystore } from '../../src/keys/keystore.js';
import { keyFileError } from '../../src/keys/read-key-file.js';
import { readRing } from '../../src/keys/rotation.js';
import { testKeystore, testKeysDirectory } from '../support/keys.js';

describe('keys: a key file that cannot be used says why (ENOENT, EACCES, EISDIR, corrupt)', () => {
  let dir: string;
  before(async () => { await testKeystore(); });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-key-errors-'));
    cpSync(testKeysDirectory, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () => Keystore.open(dir, { generateDevelopmentKeys: false });
  const firstKey = () => readRing(dir).find((entry) => entry.type !== 'oct')!;

  it('names a missing key file as missing (ENOENT)', async () => {
    rmSync(path.join(dir, firstKey().privateKeyFile));
    await assert.rejects(open(), /key file .+ \(.+\) is missing \(ENOENT\)/);
  });

  it('names a directory where a key file should be (EISDIR)', async () => {
    const file = path.join(dir, firstKey().privateKeyFile);
    rmSync(file);
    mkdirSync(file);
    await assert.rejects(open(), /is a directory, not a file \(EISDIR\)/);
  });

  it('names a corrupt key, certificate or keyring as corrupt', async () => {
    const entry = firstKey();
    writeFileSync(path.join(dir, entry.privateKeyFile), '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n');
    await assert.rejects(open(), /key file .+ is corrupt: not a PEM private key/);
    cpSync(testKeysDirectory, dir, { recursive: true });
    const withCertificate = readRing(dir).find((e) => e.certificateFile)!;
    writeFileSync(path.join(dir, withCertificate.certificateFile!), 'garbage');
    await assert.rejects(open(), /certificate file .+ is corrupt: not a PEM certificate/);
    writeFileSync(path.join(dir, 'keyring.json'), '{ "keys": [');
    await assert.rejects(open(), /keyring .+ is corrupt: not valid JSON/);
  });

  it('an unreadable keyring is a permission error, not "no active key"', async () => {
    // The tests run as root, for whom no file is unreadable: the keyring is replaced by a
    // directory to make the read fail, and the EACCES wording is checked on the mapping.
    rmSync(path.join(dir, 'keyring.json'));
    mkdirSync(path.join(dir, 'keyring.json'));
    await assert.rejects(open(), /keyring .+ is a directory/);
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    assert.match(keyFileError('/run/secrets/keys/keyring.json', 'keyring', denied).message,
      /keyring \/run\/secrets\/keys\/keyring.json cannot be read: permission denied \(EACCES\); it must be readable by the user running Passerelle/);
  });

  it('a directory without a keyring yet is empty, and says how to fill it', async () => {
    rmSync(path.join(dir, 'keyring.json'));
    await assert.rejects(open(), /no active .+ key in .+ \(run: npm run keys -- generate\)/);
  });
});
