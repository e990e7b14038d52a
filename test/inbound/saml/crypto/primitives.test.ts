import assert from 'node:assert/strict';
import { constants, createPublicKey, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { concatKdf, unwrapKey, wrapKey } from '../../../../src/inbound/saml/crypto/key-agreement.js';
import { keyWraps, algorithms } from '../../../../src/inbound/saml/crypto/algorithms.js';
import { oaepDecrypt, oaepEncrypt } from '../../../../src/inbound/saml/crypto/oaep.js';
import { independentKey } from './support/paths.js';

describe('eIDAS crypto primitives: known answers and cross-checks', () => {
  const z = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

  // Expected values computed with pyca/cryptography 38 ConcatKDFHash (an independent implementation).
  it('ConcatKDF matches pyca/cryptography for SHA-256, SHA-512, several lengths and OtherInfo', () => {
    assert.equal(concatKdf('sha256', z, Buffer.from([0, 0, 0]), 32).toString('hex'), '3fe76cddeb21e1e92f10267d9f5d7c09969ba3c3b5a698375ed5c9325579ad9b');
    assert.equal(concatKdf('sha256', z, Buffer.from([1, 2]), 48).toString('hex'), '5a71780e9f938c1a7a8749bf5e070f0cb70a26ed4cde2a23d5de412c363020795f6b885db0884fe2941ec97f328455d6');
    assert.equal(concatKdf('sha512', z, Buffer.alloc(0), 16).toString('hex'), 'a6a551d1b34f68da07bc927933ba59bd');
  });

  it('AES key wrap matches RFC 3394 §4.6 (256-bit key with a 256-bit KEK) and unwraps it back', () => {
    const kek = Buffer.from('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F', 'hex');
    const key = Buffer.from('00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F', 'hex');
    const expected = '28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21';
    const wrap = keyWraps[algorithms.kwAes256]!;
    assert.equal(wrapKey(wrap, kek, key).toString('hex').toUpperCase(), expected);
    assert.deepEqual(unwrapKey(wrap, kek, Buffer.from(expected, 'hex')), key);
  });

  it('AES key unwrap reports an integrity failure as undefined, never an exception', () => {
    const wrap = keyWraps[algorithms.kwAes128]!;
    const kek = randomBytes(16);
    const wrapped = wrapKey(wrap, kek, randomBytes(32));
    wrapped[0] = wrapped[0]! ^ 1;
    assert.equal(unwrapKey(wrap, kek, wrapped), undefined);
    assert.equal(unwrapKey(wrap, kek, Buffer.alloc(7)), undefined);
  });

  const privateKey = independentKey('sp-rsa3072-encryption');
  const publicKey = createPublicKey(privateKey);
  for (const hash of ['sha1', 'sha256', 'sha384', 'sha512'] as const) {
    it(`OAEP decoding with ${hash} for label and MGF1 reads what OpenSSL's OAEP wrote, and the reverse`, () => {
      const message = randomBytes(32);
      const byOpenssl = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, message);
      assert.deepEqual(oaepDecrypt(privateKey, byOpenssl, { hash, mgfHash: hash, label: Buffer.alloc(0) }), message);
      const byUs = oaepEncrypt(publicKey, message, { hash, mgfHash: hash, label: Buffer.alloc(0) });
      assert.deepEqual(privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash }, byUs), message);
    });
  }

  it('OAEP decoding honours the label (OAEPparams) and refuses a wrong one', () => {
    const label = Buffer.from('eidas');
    const ciphertext = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: label }, Buffer.from('k'));
    assert.deepEqual(oaepDecrypt(privateKey, ciphertext, { hash: 'sha256', mgfHash: 'sha256', label }), Buffer.from('k'));
    assert.equal(oaepDecrypt(privateKey, ciphertext, { hash: 'sha256', mgfHash: 'sha256', label: Buffer.alloc(0) }), undefined);
  });

  it('OAEP decoding with the wrong MGF1 hash, a wrong length or random bytes yields undefined', () => {
    const ciphertext = oaepEncrypt(publicKey, randomBytes(16), { hash: 'sha256', mgfHash: 'sha1', label: Buffer.alloc(0) });
    assert.equal(oaepDecrypt(privateKey, ciphertext, { hash: 'sha256', mgfHash: 'sha256', label: Buffer.alloc(0) }), undefined);
    assert.equal(oaepDecrypt(privateKey, ciphertext.subarray(1), { hash: 'sha256', mgfHash: 'sha1', label: Buffer.alloc(0) }), undefined);
    assert.equal(oaepDecrypt(privateKey, randomBytes(384), { hash: 'sha256', mgfHash: 'sha1', label: Buffer.alloc(0) }), undefined);
    assert.equal(oaepDecrypt(privateKey, Buffer.alloc(384, 0xff), { hash: 'sha256', mgfHash: 'sha1', label: Buffer.alloc(0) }), undefined);
  });
});
