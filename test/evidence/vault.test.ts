import assert from 'node:assert/strict';
import { PasserelleError } from '../../src/core/errors.js';
import type { Keystore } from '../../src/keys/keystore.js';
import { newDataKey, openPart, sealPart, unwrapDataKey } from '../../src/evidence/vault/envelope.js';
import { testKeystore } from '../support/keys.js';

describe('evidence/vault: envelope encryption, one data key per document', () => {
  let keystore: Keystore;
  before(async () => { keystore = await testKeystore(); });

  it('wraps a fresh 256-bit data key with the active vault-wrapping key (AES-KW) and records its kid', () => {
    const a = newDataKey(keystore);
    const b = newDataKey(keystore);
    assert.equal(a.key.length, 32);
    assert.notDeepEqual(a.key, b.key);
    assert.equal(a.wrapped.wrapAlg, 'A256KW');
    assert.equal(a.wrapped.wrapKid, keystore.active('vault-wrapping').kid);
    assert.deepEqual(unwrapDataKey(keystore, a.wrapped), a.key);
  });

  it('round-trips a part with AES-256-GCM; the ciphertext does not contain the plaintext', () => {
    const { key } = newDataKey(keystore);
    const sealed = sealPart(key, 'item-1', 'document', Buffer.from('%PDF-1.7 family composition'));
    assert.ok(!Buffer.from(sealed).toString().includes('family'));
    assert.equal(openPart(key, 'item-1', 'document', sealed).toString(), '%PDF-1.7 family composition');
  });

  it('refuses a ciphertext that was changed, moved to another item, or moved to another part', () => {
    const { key } = newDataKey(keystore);
    const sealed = sealPart(key, 'item-1', 'document', Buffer.from('content'));
    const [v, iv, ct, tag] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    assert.throws(() => openPart(key, 'item-1', 'document', [v, iv, flipped.toString('base64url'), tag].join('.')), PasserelleError);
    assert.throws(() => openPart(key, 'item-2', 'document', sealed), PasserelleError);
    assert.throws(() => openPart(key, 'item-1', 'data', sealed), PasserelleError);
  });

  it('cannot open anything once the wrapped key is destroyed, nor with an unknown wrapping kid', () => {
    const { wrapped } = newDataKey(keystore);
    assert.throws(() => unwrapDataKey(keystore, { ...wrapped, wrappedKey: null }), /destroyed/);
    assert.throws(() => unwrapDataKey(keystore, { ...wrapped, wrapKid: 'no-such-kid' }), /not in the keystore/);
  });
});
