import assert from 'node:assert/strict';
import {
  decryptEncryptedAssertion, namespaces, parseXmlSecurely, strictEidasPolicy, verifyEnvelopedSignature,
} from '../../../../src/inbound/saml/crypto/index.js';
import { firstElement } from './support/assertions.js';
import { independentCert, independentKey, readIndependent } from './support/paths.js';

/** Responses produced by Apache Santuario, xmlsec1 and pyca/cryptography (test/fixtures/saml/independent/README.md). */
const fixtures = [
  { file: 'response.rsa-pss-sha256.rsa3072.aes256-gcm.rsa-oaep.xml', signer: 'idp-rsa3072-signing', by: 'Santuario', signature: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1', encrypted: true },
  { file: 'response.rsa-pss-sha256.rsa3072.unencrypted.xml', signer: 'idp-rsa3072-signing', by: 'Santuario', signature: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1', encrypted: false },
  { file: 'response.ecdsa-sha256.p256.aes256-gcm.rsa-oaep.xml', signer: 'idp-p256-signing', by: 'Santuario', signature: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', encrypted: true },
  { file: 'response.ecdsa-sha256.p256.unencrypted.xml', signer: 'idp-p256-signing', by: 'Santuario', signature: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', encrypted: false },
  { file: 'response.ecdsa-sha256.p256.xmlsec1.aes256-gcm.ecdh-es-p256-kw-aes256.xml', signer: 'idp-p256-signing', by: 'xmlsec1 + pyca ECDH-ES', signature: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', encrypted: true },
  { file: 'response.ecdsa-sha256.p256.xmlsec1.aes128-gcm.rsa-oaep-mgf1p-sha256.xml', signer: 'idp-p256-signing', by: 'xmlsec1 + pyca rsa-oaep-mgf1p', signature: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', encrypted: true },
];

const ourDecryptionKeys = () => [independentKey('sp-rsa3072-encryption'), independentKey('sp-p256-encryption')];

function assertionOf(file: string, encrypted: boolean): Element {
  const document = parseXmlSecurely(readIndependent(file));
  if (!encrypted) return firstElement(document, namespaces.saml, 'Assertion');
  const plaintext = decryptEncryptedAssertion(firstElement(document, namespaces.saml, 'EncryptedAssertion'), ourDecryptionKeys(), strictEidasPolicy);
  return parseXmlSecurely(plaintext).documentElement;
}

describe('eIDAS crypto accepts messages signed and encrypted by independent implementations', () => {
  for (const fixture of fixtures) {
    describe(`${fixture.file} (${fixture.by})`, () => {
      it('has a Response signature that verifies with the IdP certificate only', () => {
        const response = parseXmlSecurely(readIndependent(fixture.file)).documentElement;
        const result = verifyEnvelopedSignature(response, [independentCert(fixture.signer)], strictEidasPolicy);
        assert.equal(result.signatureAlgorithm, fixture.signature);
        assert.equal(result.signedElement, response);
      });

      it(`${fixture.encrypted ? 'decrypts to' : 'carries'} an Assertion whose own signature verifies and that holds the fixture citizen`, () => {
        const assertion = assertionOf(fixture.file, fixture.encrypted);
        const result = verifyEnvelopedSignature(assertion, [independentCert(fixture.signer)], strictEidasPolicy);
        assert.equal(result.signatureAlgorithm, fixture.signature);
        assert.match(assertion.getAttribute('ID') ?? '', /^_fixture-assertion-/);
        const values = Array.from(assertion.getElementsByTagNameNS(namespaces.saml, 'AttributeValue')).map((v) => v.textContent);
        assert.deepEqual(values, ['IT/DE/ABC123', 'Rossi', 'Giulia', '1985-04-12']);
      });

      it('is rejected when checked against a different trusted key (the other IdP key)', () => {
        const other = fixture.signer === 'idp-p256-signing' ? 'idp-rsa3072-signing' : 'idp-p256-signing';
        const response = parseXmlSecurely(readIndependent(fixture.file)).documentElement;
        assert.throws(() => verifyEnvelopedSignature(response, [independentCert(other)], strictEidasPolicy), { code: 'saml_signature_invalid' });
      });
    });
  }

  it('rejects the Santuario RSA-PSS Assertion after its PersonIdentifier is changed', () => {
    const xml = readIndependent('response.rsa-pss-sha256.rsa3072.unencrypted.xml').replace(/>IT\/DE\/ABC123</g, '>IT/DE/XYZ999<');
    const assertion = firstElement(parseXmlSecurely(xml), namespaces.saml, 'Assertion');
    assert.throws(() => verifyEnvelopedSignature(assertion, [independentCert('idp-rsa3072-signing')], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });
});
