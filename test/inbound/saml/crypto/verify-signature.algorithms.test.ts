import assert from 'node:assert/strict';
import {
  algorithms, nationalPolicy, parseXmlSecurely, signXml, strictEidasPolicy, verifyEnvelopedSignature,
} from '../../../../src/inbound/saml/crypto/index.js';
import { assertionXml, generatedSigner, idpRsa } from './support/assertions.js';
import { rawSign } from './support/raw-signer.js';

const root = (xml: string) => parseXmlSecurely(xml).documentElement;

describe('eIDAS signature verification: algorithm policy', () => {
  const accepted = [
    { uri: algorithms.rsaPssSha256, key: 'rsa3072' as const },
    { uri: algorithms.rsaPssSha384, key: 'rsa3072' as const },
    { uri: algorithms.rsaPssSha512, key: 'rsa4096' as const },
    { uri: algorithms.ecdsaSha256, key: 'P-256' as const },
    { uri: algorithms.ecdsaSha384, key: 'P-384' as const },
    { uri: algorithms.ecdsaSha512, key: 'P-521' as const },
    { uri: algorithms.ecdsaSha512, key: 'P-256' as const }, // what the eIDAS Node 2.8/2.9 does
    { uri: algorithms.ecdsaSha256, key: 'brainpoolP256r1' as const },
    { uri: algorithms.ecdsaSha384, key: 'brainpoolP384r1' as const },
    { uri: algorithms.ecdsaSha512, key: 'brainpoolP512r1' as const },
  ];
  for (const { uri, key } of accepted) {
    it(`accepts ${uri.split('#')[1]} with a ${key} key under the strict eIDAS policy`, () => {
      const signer = generatedSigner(key);
      const signed = signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: signer.privateKey, signatureAlgorithm: uri });
      assert.equal(verifyEnvelopedSignature(root(signed), [signer.publicKey], strictEidasPolicy).signatureAlgorithm, uri);
    });
  }

  for (const digest of [algorithms.sha256, algorithms.sha384, algorithms.sha512]) {
    it(`accepts reference digest ${digest.split('#')[1]}`, () => {
      const { privateKey, publicKey } = idpRsa();
      const signed = signXml(assertionXml(), { referenceId: '_assertion-1', privateKey, digestAlgorithm: digest });
      assert.equal(verifyEnvelopedSignature(root(signed), [publicKey], strictEidasPolicy).digestAlgorithm, digest);
    });
  }

  it('refuses a cryptographically valid signature with a SHA-1 reference digest', () => {
    const { privateKey, publicKey } = idpRsa();
    const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey, digestAlgorithm: algorithms.sha1 });
    assert.throws(() => verifyEnvelopedSignature(root(signed), [publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
    assert.throws(() => verifyEnvelopedSignature(root(signed), [publicKey], nationalPolicy({ allowRsaPkcs1v15Signatures: true })), { code: 'saml_algorithm_refused' });
  });

  for (const uri of [algorithms.rsaSha1, algorithms.rsaPssSha1, algorithms.rsaMd5]) {
    it(`refuses a cryptographically valid ${uri.split('#')[1]} signature, under every policy`, () => {
      const { privateKey, publicKey } = idpRsa();
      const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey, signatureAlgorithm: uri });
      for (const policy of [strictEidasPolicy, nationalPolicy({ allowRsaPkcs1v15Signatures: true, allowCbcEncryption: true })]) {
        assert.throws(() => verifyEnvelopedSignature(root(signed), [publicKey], policy), { code: 'saml_algorithm_refused' });
      }
    });
  }

  it('refuses an ECDSA-SHA1 signature', () => {
    const signer = generatedSigner('P-256');
    const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey: signer.privateKey, signatureAlgorithm: algorithms.ecdsaSha1 });
    assert.throws(() => verifyEnvelopedSignature(root(signed), [signer.publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
  });

  it('refuses HMAC-SHA1 (key confusion with the public key) before any key is used', () => {
    const { privateKey, publicKey } = idpRsa();
    const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey, signatureAlgorithm: algorithms.rsaPssSha256 })
      .replace(algorithms.rsaPssSha256, algorithms.hmacSha1);
    assert.throws(() => verifyEnvelopedSignature(root(signed), [publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
  });

  it('accepts an RSA PKCS#1 v1.5 SHA-256 signature only with the national profile and its flag', () => {
    const { privateKey, publicKey } = idpRsa();
    const signed = root(signXml(assertionXml(), { referenceId: '_assertion-1', privateKey, signatureAlgorithm: algorithms.rsaSha256 }));
    assert.throws(() => verifyEnvelopedSignature(signed, [publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
    assert.throws(() => verifyEnvelopedSignature(signed, [publicKey], nationalPolicy()), { code: 'saml_algorithm_refused' });
    assert.throws(() => verifyEnvelopedSignature(signed, [publicKey], { ...strictEidasPolicy, allowRsaPkcs1v15Signatures: true }), { code: 'saml_algorithm_refused' });
    const result = verifyEnvelopedSignature(signed, [publicKey], nationalPolicy({ allowRsaPkcs1v15Signatures: true }));
    assert.equal(result.signatureAlgorithm, algorithms.rsaSha256);
  });

  it('refuses RSA keys under 3072 bits for the eIDAS profile and accepts 2048 bits for the national profile', () => {
    const signer = generatedSigner('rsa2048');
    const signed = root(signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: signer.privateKey }));
    assert.throws(() => verifyEnvelopedSignature(signed, [signer.publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
    assert.equal(verifyEnvelopedSignature(signed, [signer.publicKey], nationalPolicy()).signatureAlgorithm, algorithms.rsaPssSha256);
  });

  it('refuses the #WithComments canonicalization, in SignedInfo and as a transform', () => {
    const { privateKey, publicKey } = idpRsa();
    const inSignedInfo = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey, c14nAlgorithm: algorithms.excC14nWithComments });
    assert.throws(() => verifyEnvelopedSignature(root(inSignedInfo), [publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
    const asTransform = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey, transforms: [algorithms.envelopedSignature, algorithms.excC14nWithComments] });
    assert.throws(() => verifyEnvelopedSignature(root(asTransform), [publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' });
  });

  it('refuses inclusive c14n and any transform list other than enveloped-signature + exc-c14n', () => {
    const { privateKey, publicKey } = idpRsa();
    const cases = [
      { c14nAlgorithm: algorithms.c14n },
      { transforms: [algorithms.envelopedSignature] },
      { transforms: [algorithms.envelopedSignature, algorithms.excC14n, algorithms.excC14n] },
      { transforms: [algorithms.envelopedSignature, 'http://www.w3.org/TR/1999/REC-xslt-19991116'] },
      { transforms: [algorithms.envelopedSignature, 'http://www.w3.org/TR/1999/REC-xpath-19991116'] },
    ];
    for (const options of cases) {
      const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey, ...options });
      assert.throws(() => verifyEnvelopedSignature(root(signed), [publicKey], strictEidasPolicy), { code: 'saml_algorithm_refused' }, JSON.stringify(options));
    }
  });

  it('accepts the transforms in either order (exc-c14n then enveloped-signature)', () => {
    const { privateKey, publicKey } = idpRsa();
    const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey, transforms: [algorithms.excC14n, algorithms.envelopedSignature] });
    assert.equal(verifyEnvelopedSignature(root(signed), [publicKey], strictEidasPolicy).signatureAlgorithm, algorithms.rsaPssSha256);
  });

  it('rejects an ECDSA signature in DER form instead of raw r||s', () => {
    const signer = generatedSigner('P-256');
    const signed = signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: signer.privateKey });
    const raw = Buffer.from(/<ds:SignatureValue>([^<]+)</.exec(signed)![1]!, 'base64');
    const der = derSignature(raw.subarray(0, 32), raw.subarray(32));
    const mutated = signed.replace(/<ds:SignatureValue>[^<]+</, `<ds:SignatureValue>${der.toString('base64')}<`);
    assert.throws(() => verifyEnvelopedSignature(root(mutated), [signer.publicKey], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });
});

function derSignature(r: Buffer, s: Buffer): Buffer {
  const integer = (n: Buffer) => {
    let v = n;
    while (v.length > 1 && v[0] === 0 && v[1]! < 0x80) v = v.subarray(1);
    if (v[0]! >= 0x80) v = Buffer.concat([Buffer.from([0]), v]);
    return Buffer.concat([Buffer.from([0x02, v.length]), v]);
  };
  const body = Buffer.concat([integer(r), integer(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}
