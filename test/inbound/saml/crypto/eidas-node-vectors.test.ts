import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  decryptEncryptedAssertion, namespaces, parseXmlSecurely, strictEidasPolicy, verifyEnvelopedSignature,
} from '../../../../src/inbound/saml/crypto/index.js';
import { firstElement } from './support/assertions.js';
import { readVector, vectorKey } from './support/paths.js';

/** Every response of the EC eIDAS-Node test data (test/fixtures/eidas-node/MANIFEST.md), with its expected plaintext hash. */
const responses = [
  { file: 'saml_response_key_transport_rsa-oaep.xml', key: 'local-demo-cert_rsa4096.pem', what: 'aes256-gcm + xmlenc11#rsa-oaep SHA-256/MGF1-SHA256', sha256: 'fcaf59e8207c6314b90c7d42293183530d90c6786df31b403c5ccbc83ea62dc6', bytes: 8675, outerSigned: true },
  { file: 'saml_response_key_agreement_kw_aes256.xml', key: 'local-ka-demo-cert-2019_brainpoolP256r1.pem', what: 'aes256-gcm + ECDH-ES brainpoolP256r1 + ConcatKDF + kw-aes256', sha256: '143623489bb8f58bf145d658f154506ece0d2e33730430ec94a77c42178044b6', bytes: 8675, outerSigned: true },
  { file: 'saml_rsa_rsa-oaep_encrypted_response.xml', key: 'test-rsa_rsa4096.pem', what: 'aes256-gcm + xmlenc11#rsa-oaep SHA-1/MGF1-SHA1', sha256: '8c1f947a01c8c53d803d7e5ca854f9afe8c596924fb9570c5702284969affa02', bytes: 4049, outerSigned: false },
  { file: 'saml_rsa_rsa-oaep_encrypted_response_DEREncodedKeyValue.xml', key: 'test-rsa_rsa4096.pem', what: 'aes256-gcm + rsa-oaep-mgf1p with SHA-256 digest (MGF1-SHA1)', sha256: 'f77afedba4a0cf614e688cdc5a959225962ad242e4de59b3409fb5f602066a59', bytes: 3940, outerSigned: true },
  { file: 'saml_ec_Brainpool_kw-aes128_encrypted_response.xml', key: 'test-ec_brainpoolP256r1.pem', what: 'aes256-gcm + ECDH-ES brainpoolP256r1 + kw-aes128', sha256: 'd938556dc32edf1e97a497db4c6cf854f471ebfddb6b4b7d3e958532de9dfaa1', bytes: 6060, outerSigned: true },
  { file: 'saml_ec_NistCurve_kw-aes256_encrypted_response.xml', key: 'test-ec-nist_p256.pem', what: 'aes256-gcm + ECDH-ES P-256 + kw-aes256', sha256: '8c1f947a01c8c53d803d7e5ca854f9afe8c596924fb9570c5702284969affa02', bytes: 4049, outerSigned: false },
];

const responseSigningCert = () => readVector('keys/nistP256-cert_response-signing.crt.pem');

function decryptVector(file: string, key: string): string {
  const document = parseXmlSecurely(readVector(`responses/${file}`));
  return decryptEncryptedAssertion(firstElement(document, namespaces.saml, 'EncryptedAssertion'), [vectorKey(key)], strictEidasPolicy);
}

describe('eIDAS crypto against the EC eIDAS-Node test vectors', () => {
  for (const vector of responses) {
    it(`decrypts ${vector.file} (${vector.what}) to the plaintext the MANIFEST names`, () => {
      const plaintext = Buffer.from(decryptVector(vector.file, vector.key), 'utf8');
      assert.equal(plaintext.length, vector.bytes);
      assert.equal(createHash('sha256').update(plaintext).digest('hex'), vector.sha256);
    });
  }

  it('decrypts only with the right key: another RSA key of ours fails with saml_decryption_failed', () => {
    const document = parseXmlSecurely(readVector('responses/saml_response_key_transport_rsa-oaep.xml'));
    assert.throws(
      () => decryptEncryptedAssertion(firstElement(document, namespaces.saml, 'EncryptedAssertion'), [vectorKey('test-rsa_rsa4096.pem')], strictEidasPolicy),
      { code: 'saml_decryption_failed' },
    );
  });

  it('verifies the ECDSA (ecdsa-sha256, SHA-512 digest) signature of the decrypted Assertion of vector #5', () => {
    const assertion = parseXmlSecurely(decryptVector('saml_ec_Brainpool_kw-aes128_encrypted_response.xml', 'test-ec_brainpoolP256r1.pem')).documentElement;
    const result = verifyEnvelopedSignature(assertion, [responseSigningCert()], strictEidasPolicy);
    assert.equal(result.signatureAlgorithm, 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256');
    assert.equal(result.digestAlgorithm, 'http://www.w3.org/2001/04/xmlenc#sha512');
    assert.equal(result.signedElement, assertion);
    assert.equal(assertion.getAttribute('ID'), '_bfsbAJmJ_Vy1WLL66-j3fe1o5xiiW7IcYdQ.ntz9iVZSYr-hv9yBoGbQF5y.JIE');
  });

  it('rejects the decrypted Assertion of vector #5 when one attribute value is edited', () => {
    const edited = decryptVector('saml_ec_Brainpool_kw-aes128_encrypted_response.xml', 'test-ec_brainpoolP256r1.pem').replace('CC/CC/12345', 'CC/CC/12346');
    assert.throws(() => verifyEnvelopedSignature(parseXmlSecurely(edited).documentElement, [responseSigningCert()], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });

  for (const vector of responses.filter((v) => v.outerSigned)) {
    it(`rejects the outer Response signature of ${vector.file}, which was reformatted after signing (MANIFEST S1)`, () => {
      const document = parseXmlSecurely(readVector(`responses/${vector.file}`));
      assert.throws(() => verifyEnvelopedSignature(document.documentElement, [responseSigningCert()], strictEidasPolicy), { code: 'saml_signature_invalid' });
    });
  }

  it('verifies the RSA-PSS sha384-rsa-MGF1 whole-document signature of the ProxyService metadata (vector #8)', () => {
    const metadata = parseXmlSecurely(readVector('metadata/ServiceMetadata.xml')).documentElement;
    const result = verifyEnvelopedSignature(metadata, [readVector('keys/metadata_metadata-signing.crt.pem')], strictEidasPolicy, { allowWholeDocumentReference: true });
    assert.equal(result.signatureAlgorithm, 'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1');
    assert.equal(result.digestAlgorithm, 'http://www.w3.org/2001/04/xmldsig-more#sha384');
  });

  it('refuses the metadata signature (URI="") when whole-document references are not explicitly allowed', () => {
    const metadata = parseXmlSecurely(readVector('metadata/ServiceMetadata.xml')).documentElement;
    assert.throws(() => verifyEnvelopedSignature(metadata, [readVector('keys/metadata_metadata-signing.crt.pem')], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });

  it('rejects the metadata when a supported attribute is removed after signing', () => {
    const xml = readVector('metadata/ServiceMetadata.xml').replace(/<saml2:Attribute [^>]*PlaceOfBirth[^>]*\/>/, '');
    assert.notEqual(xml, readVector('metadata/ServiceMetadata.xml'));
    assert.throws(() => verifyEnvelopedSignature(parseXmlSecurely(xml).documentElement, [readVector('keys/metadata_metadata-signing.crt.pem')], strictEidasPolicy, { allowWholeDocumentReference: true }), { code: 'saml_signature_invalid' });
  });

  it('rejects the metadata signature with a trusted key other than the metadata signing certificate', () => {
    const metadata = parseXmlSecurely(readVector('metadata/ServiceMetadata.xml')).documentElement;
    assert.throws(() => verifyEnvelopedSignature(metadata, [readVector('keys/local-demo-cert_rsa4096.pem')], strictEidasPolicy, { allowWholeDocumentReference: true }), { code: 'saml_signature_invalid' });
  });
});
