import assert from 'node:assert/strict';
import { algorithms, allowedAlgorithms, minimumRsaBits, nationalPolicy, strictEidasPolicy } from '../../../../src/inbound/saml/crypto/index.js';

describe('eIDAS algorithm policy', () => {
  it('the strict eIDAS policy lists exactly the eIDAS Node 2.9 whitelists (RSA-PSS, ECDSA, SHA-2, AES-GCM)', () => {
    const allowed = allowedAlgorithms(strictEidasPolicy);
    assert.deepEqual(allowed.signature, [
      algorithms.rsaPssSha256, algorithms.rsaPssSha384, algorithms.rsaPssSha512,
      algorithms.ecdsaSha256, algorithms.ecdsaSha384, algorithms.ecdsaSha512,
    ]);
    assert.deepEqual(allowed.digest, [algorithms.sha256, algorithms.sha384, algorithms.sha512]);
    assert.deepEqual(allowed.blockEncryption, [algorithms.aes128Gcm, algorithms.aes192Gcm, algorithms.aes256Gcm]);
    assert.deepEqual(allowed.keyTransport, [algorithms.rsaOaep, algorithms.rsaOaepMgf1p]);
    assert.equal(minimumRsaBits(strictEidasPolicy), 3072);
  });

  it('a national policy adds PKCS#1 v1.5 signatures and CBC only when each flag is set', () => {
    assert.deepEqual(allowedAlgorithms(nationalPolicy()).signature, allowedAlgorithms(strictEidasPolicy).signature);
    const lenient = allowedAlgorithms(nationalPolicy({ allowRsaPkcs1v15Signatures: true, allowCbcEncryption: true }));
    assert.ok(lenient.signature.includes(algorithms.rsaSha256));
    assert.ok(lenient.blockEncryption.includes(algorithms.aes256Cbc));
    assert.ok(!lenient.signature.includes(algorithms.rsaSha1));
    assert.equal(minimumRsaBits(nationalPolicy()), 2048);
  });

  it('the eIDAS profile ignores both opt-out flags (strict always wins)', () => {
    assert.deepEqual(allowedAlgorithms({ profile: 'eidas', allowRsaPkcs1v15Signatures: true, allowCbcEncryption: true }), allowedAlgorithms(strictEidasPolicy));
  });

  it('the shared strict policy object cannot be loosened by accident', () => {
    assert.throws(() => { (strictEidasPolicy as { allowCbcEncryption: boolean }).allowCbcEncryption = true; });
  });
});
