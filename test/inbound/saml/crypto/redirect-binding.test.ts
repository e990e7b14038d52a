import assert from 'node:assert/strict';
import { constants, sign } from 'node:crypto';
import {
  algorithms, nationalPolicy, signRedirectBinding, strictEidasPolicy, verifyRedirectBinding,
} from '../../../../src/inbound/saml/crypto/index.js';
import { attackerRsa, idpEc, idpRsa } from './support/assertions.js';

const request = 'fZJNT8MwDIbv/IrK9zRpGQOitVIBIU3iY2KIA7cwdWukNgmxO+Df42ZwQIIjb+dyHrv2+fjK8+Hp6Hfcd3bWv/vBT6vfl/4+WEWDhEKaTHtYgPy/sSC0z+P5Xat51vR07Efrtqve9Wjjl9/bo9ev16srV+Ws+BAAAAP//';

describe('HTTP-Redirect binding signatures', () => {
  it('round-trips an RSA-PSS signature over SAMLRequest, RelayState and SigAlg', () => {
    const signer = idpRsa();
    const signed = signRedirectBinding({ SAMLRequest: request, RelayState: 'r/1 ä' }, signer.privateKey);
    assert.equal(signed.SigAlg, algorithms.rsaPssSha256);
    const verified = verifyRedirectBinding(`?${signed.query}`, [signer.certificatePem!], strictEidasPolicy);
    assert.deepEqual({ ...verified }, { message: 'SAMLRequest', value: request, relayState: 'r/1 ä', sigAlg: algorithms.rsaPssSha256, trustedKeyIndex: 0 });
  });

  it('round-trips an ECDSA signature over SAMLResponse without RelayState', () => {
    const signer = idpEc();
    const signed = signRedirectBinding({ SAMLResponse: request }, signer.privateKey);
    const verified = verifyRedirectBinding(signed.query, [idpRsa().certificatePem!, signer.certificatePem!], strictEidasPolicy);
    assert.equal(verified.message, 'SAMLResponse');
    assert.equal(verified.relayState, undefined);
    assert.equal(verified.trustedKeyIndex, 1);
  });

  it('checks the octets exactly as received: another valid encoding of the same value does not verify', () => {
    const signer = idpRsa();
    const signed = signRedirectBinding({ SAMLRequest: request, RelayState: 'a b' }, signer.privateKey);
    assert.ok(signed.query.includes('RelayState=a%20b'));
    assert.throws(() => verifyRedirectBinding(signed.query.replace('RelayState=a%20b', 'RelayState=a+b'), [signer.publicKey], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });

  it('rejects a changed RelayState, a signature by an untrusted key, and a missing Signature', () => {
    const signer = idpRsa();
    const signed = signRedirectBinding({ SAMLRequest: request, RelayState: 'abc' }, signer.privateKey);
    assert.throws(() => verifyRedirectBinding(signed.query.replace('RelayState=abc', 'RelayState=abd'), [signer.publicKey], strictEidasPolicy), { code: 'saml_signature_invalid' });
    const forged = signRedirectBinding({ SAMLRequest: request, RelayState: 'abc' }, attackerRsa().privateKey);
    assert.throws(() => verifyRedirectBinding(forged.query, [signer.publicKey], strictEidasPolicy), { code: 'saml_signature_invalid' });
    assert.throws(() => verifyRedirectBinding(signed.query.replace(/&Signature=.*$/, ''), [signer.publicKey], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });

  it('rejects duplicated parameters and a query carrying both SAMLRequest and SAMLResponse', () => {
    const signer = idpRsa();
    const signed = signRedirectBinding({ SAMLRequest: request }, signer.privateKey);
    assert.throws(() => verifyRedirectBinding(`${signed.query}&SigAlg=x`, [signer.publicKey], strictEidasPolicy), { code: 'saml_signature_invalid', message: /duplicate/ });
    assert.throws(() => verifyRedirectBinding(`SAMLResponse=x&${signed.query}`, [signer.publicKey], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });

  it('refuses SigAlg rsa-sha1 even when the signature is valid, and rsa-sha256 unless the national flag allows it', () => {
    const { privateKey, publicKey } = idpRsa();
    const build = (sigAlg: string, hash: string) => {
      const octets = `SAMLRequest=${encodeURIComponent(request)}&SigAlg=${encodeURIComponent(sigAlg)}`;
      const signature = sign(hash, Buffer.from(octets), { key: privateKey, padding: constants.RSA_PKCS1_PADDING }).toString('base64');
      return `${octets}&Signature=${encodeURIComponent(signature)}`;
    };
    assert.throws(() => verifyRedirectBinding(build(algorithms.rsaSha1, 'sha1'), [publicKey], nationalPolicy({ allowRsaPkcs1v15Signatures: true })), { code: 'saml_algorithm_refused' });
    const sha256 = build(algorithms.rsaSha256, 'sha256');
    assert.throws(() => verifyRedirectBinding(sha256, [publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
    assert.equal(verifyRedirectBinding(sha256, [publicKey], nationalPolicy({ allowRsaPkcs1v15Signatures: true })).sigAlg, algorithms.rsaSha256);
  });
});
