import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PasserelleError } from '../../src/core/errors.js';
import { Keystore } from '../../src/keys/keystore.js';
import { readRing, retire, rotate } from '../../src/keys/rotation.js';
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

  it('keeps a rotated-out key published until it is retired', async () => {
    const dir = copyKeys();
    try {
      const before = (await Keystore.open(dir, { generateDevelopmentKeys: false })).active('oidc-signing', 'RSA').kid;
      const added = await rotate(dir, 'oidc-signing', 'RSA', 'rotation test');
      let rotated = await Keystore.open(dir, { generateDevelopmentKeys: false });
      assert.equal(rotated.active('oidc-signing', 'RSA').kid, added.kid);
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
