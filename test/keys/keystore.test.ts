import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PasserelleError } from '../../src/core/errors.js';
import { watchKeyring } from '../../src/keys/keyring-watch.js';
import { Keystore } from '../../src/keys/keystore.js';
import { promote, readRing, retire, rotate } from '../../src/keys/rotation.js';
import { testKeysDirectory } from '../support/keys.js';

function copyKeys(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-keys-'));
  for (const entry of readRing(testKeysDirectory)) {
    for (const file of [entry.privateKeyFile, entry.certificateFile].filter(Boolean) as string[]) {
      writeFileSync(path.join(dir, file), readFileSync(path.join(testKeysDirectory, file)), { mode: 0o600 });
    }
  }
  writeFileSync(path.join(dir, 'keyring.json'), readFileSync(path.join(testKeysDirectory, 'keyring.json')), { mode: 0o600 });
  return dir;
}

describe('keystore', () => {
  let store: Keystore;
  before(async () => {
    store = await Keystore.open(testKeysDirectory, { generateDevelopmentKeys: true, subject: 'passerelle.test' });
  });

  it('generates every purpose with strong keys and private files readable by the owner only', () => {
    for (const entry of readRing(testKeysDirectory)) {
      assert.equal(statSync(path.join(testKeysDirectory, entry.privateKeyFile)).mode & 0o777, 0o600, entry.kid);
    }
    assert.ok((store.active('saml-signing', 'RSA').privateKey!.asymmetricKeyDetails!.modulusLength ?? 0) >= 3072);
    assert.equal(store.active('saml-signing', 'EC').privateKey!.asymmetricKeyDetails!.namedCurve, 'prime256v1');
    assert.equal(store.active('vault-wrapping').secret!.length, 32);
    assert.ok(store.isDevelopment, 'generated keys are marked as development keys');
  });

  it('publishes JWKS without private parts and certificates that match the keys', () => {
    const jwks = store.publicJwks('oidc-signing');
    assert.equal(jwks.keys.length, 2);
    for (const jwk of jwks.keys) {
      assert.equal(jwk.d, undefined);
      assert.ok(jwk.kid);
      assert.equal(jwk.use, 'sig');
    }
    const entry = store.active('saml-encryption', 'RSA');
    const cert = new X509Certificate(Buffer.from(entry.certificateBase64!, 'base64'));
    assert.ok(cert.publicKey.equals(entry.publicKey!));
  });

  it('stages a rotated key as next (published, never used), promotes it, and keeps the old one published until it is retired', async () => {
    const dir = copyKeys();
    try {
      const before = (await Keystore.open(dir, { generateDevelopmentKeys: false })).active('oidc-signing', 'RSA').kid;
      const added = await rotate(dir, 'oidc-signing', 'RSA', 'rotation test');
      let rotated = await Keystore.open(dir, { generateDevelopmentKeys: false });
      assert.equal(added.status, 'next');
      assert.equal(rotated.active('oidc-signing', 'RSA').kid, before, 'a staged key signs nothing');
      assert.ok(rotated.publicJwks('oidc-signing').keys.some((k) => k.kid === added.kid), 'a staged key is published');
      await assert.rejects(rotate(dir, 'oidc-signing', 'RSA', 'rotation test'), /already staged/);
      assert.throws(() => promote(dir, 'oidc-signing', 'EC'), /no next oidc-signing EC key/);
      promote(dir, 'oidc-signing', 'RSA');
      rotated = await Keystore.open(dir, { generateDevelopmentKeys: false });
      assert.equal(rotated.active('oidc-signing', 'RSA').kid, added.kid);
      assert.equal(rotated.publicJwks('oidc-signing').keys[0]!.kid, added.kid, 'the active key is published first');
      assert.ok(rotated.publicJwks('oidc-signing').keys.some((k) => k.kid === before), 'old key still published');
      retire(dir, before);
      rotated = await Keystore.open(dir, { generateDevelopmentKeys: false });
      assert.ok(!rotated.publicJwks('oidc-signing').keys.some((k) => k.kid === before), 'retired key no longer published');
      assert.ok(rotated.decryptionKeys('oidc-signing').some((k) => k.kid === before), 'retired key can still decrypt old data');
      assert.throws(() => retire(dir, added.kid), /is active/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a staged vault-wrapping key unwraps but wraps nothing until it is promoted', async () => {
    const dir = copyKeys();
    try {
      const store = await Keystore.open(dir, { generateDevelopmentKeys: false });
      const before = store.active('vault-wrapping').kid;
      const staged = await rotate(dir, 'vault-wrapping', undefined, 'rotation test');
      await store.reload();
      assert.equal(store.active('vault-wrapping').kid, before);
      assert.ok(store.decryptionKeys('vault-wrapping').some((k) => k.kid === staged.kid));
      promote(dir, 'vault-wrapping', undefined);
      await store.reload();
      assert.equal(store.active('vault-wrapping').kid, staged.kid);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reloads a changed keyring in place, tells its listeners, and changes nothing when the file did not change', async () => {
    const dir = copyKeys();
    try {
      const store = await Keystore.open(dir, { generateDevelopmentKeys: false });
      const changes: string[] = [];
      store.onChange((change) => changes.push(change.fingerprint));
      assert.equal(await store.reload(), undefined, 'nothing changed');
      const first = store.fingerprint;
      const staged = await rotate(dir, 'saml-signing', 'RSA', 'reload test');
      const change = await store.reload();
      assert.ok(change && change.previous === first && change.fingerprint === store.fingerprint && first !== store.fingerprint);
      assert.deepEqual(changes, [store.fingerprint]);
      assert.ok(store.published('saml-signing').some((k) => k.kid === staged.kid));
      assert.equal(await store.reload(), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the keys in use when a changed keyring cannot be loaded whole (a key file not there yet)', async () => {
    const dir = copyKeys();
    try {
      const store = await Keystore.open(dir, { generateDevelopmentKeys: false });
      const before = store.fingerprint;
      const staged = await rotate(dir, 'oidc-signing', 'EC', 'reload test');
      const keyFile = path.join(dir, staged.privateKeyFile);
      const material = readFileSync(keyFile);
      rmSync(keyFile);
      await assert.rejects(store.reload(), /is missing/);
      assert.equal(store.fingerprint, before);
      assert.ok(!store.published('oidc-signing').some((k) => k.kid === staged.kid));
      writeFileSync(keyFile, material, { mode: 0o600 });
      assert.ok(await store.reload(), 'the next look loads it');
      assert.ok(store.published('oidc-signing').some((k) => k.kid === staged.kid));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a running instance picks up a changed keyring by itself, and reports one it cannot use without dropping its keys', async () => {
    const dir = copyKeys();
    const lines: Array<{ msg: string; fingerprint?: string }> = [];
    const logger = { info: (obj: object, msg: string) => lines.push({ ...obj, msg }), warn: () => {}, error: (obj: object, msg: string) => lines.push({ ...obj, msg }) };
    const store = await Keystore.open(dir, { generateDevelopmentKeys: false });
    const watch = watchKeyring(store, 20, logger);
    const until = async (condition: () => boolean) => {
      for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(condition());
    };
    try {
      const staged = await rotate(dir, 'evidence-signing', 'EC', 'watch test');
      await until(() => store.published('evidence-signing').some((k) => k.kid === staged.kid));
      assert.ok(lines.some((l) => l.msg === 'keyring reloaded' && l.fingerprint === store.fingerprint));
      const broken = await rotate(dir, 'oidc-signing', 'EC', 'watch test');
      rmSync(path.join(dir, broken.privateKeyFile));
      await until(() => lines.some((l) => l.msg.startsWith('keyring changed but cannot be used')));
      assert.ok(store.published('evidence-signing').some((k) => k.kid === staged.kid), 'the keys in use stay');
    } finally {
      watch.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm run keys: rotate stages, a separate promote activates, list prints the fingerprint instances log', async function () {
    this.timeout(60_000);
    const dir = copyKeys();
    const keys = async (...args: string[]) => (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/keys.ts', ...args, '--dir', dir])).stdout;
    try {
      const staged = /staged as next: (\S+)/.exec(await keys('rotate', 'evidence-signing'))?.[1];
      assert.ok(staged);
      const store = await Keystore.open(dir, { generateDevelopmentKeys: false });
      assert.notEqual(store.active('evidence-signing').kid, staged);
      assert.match(await keys('promote', 'evidence-signing'), new RegExp(`active now: ${staged}`));
      await store.reload();
      assert.equal(store.active('evidence-signing').kid, staged);
      assert.match(await keys('list'), new RegExp(`keyring fingerprint: ${store.fingerprint}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with one clear error when a key file is missing', async () => {
    const dir = copyKeys();
    try {
      const victim = readRing(dir)[0]!;
      rmSync(path.join(dir, victim.privateKeyFile));
      await assert.rejects(Keystore.open(dir, { generateDevelopmentKeys: false }), (error: unknown) => {
        assert.ok(error instanceof PasserelleError);
        assert.equal(error.code, 'key_missing');
        assert.match(error.message, new RegExp(`${victim.kid}\\) is missing`));
        return true;
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without keys when generation is off', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-nokeys-'));
    await assert.rejects(Keystore.open(dir, { generateDevelopmentKeys: false }), /no active saml-signing key/);
    rmSync(dir, { recursive: true, force: true });
  });
});
