import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  algorithms, encryptAssertion, namespaces, parseXmlSecurely, signXml, strictEidasPolicy, verifyEnvelopedSignature,
} from '../../../../src/inbound/saml/crypto/index.js';
import { assertionXml, firstElement, idpEc, idpRsa } from './support/assertions.js';
import { run, santuario, tempFile, tools } from './support/external-tools.js';
import { independentDir, repoRoot } from './support/paths.js';

const keyFile = (name: string) => path.join(independentDir, 'keys', name);
const readCert = (name: string) => readFileSync(keyFile(name), 'utf8');
const authnRequest = '<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" '
  + 'ID="_request-1" Version="2.0" IssueInstant="2026-01-15T10:00:00Z" ForceAuthn="true" IsPassive="false">'
  + '<saml:Issuer>http://127.0.0.1:3000/saml/metadata</saml:Issuer><samlp:Extensions/><samlp:NameIDPolicy AllowCreate="true"/></samlp:AuthnRequest>';
const metadata = '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ID="_metadata" entityID="http://127.0.0.1:3000/saml/metadata">'
  + '<md:Extensions/><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>';

describe('signing our own messages (AuthnRequest, SP metadata)', () => {
  it('signs with RSA-PSS sha256-rsa-MGF1 and SHA-256 by default for an RSA key, placed after Issuer, with our certificate', () => {
    const signer = idpRsa();
    const signed = signXml(authnRequest, { referenceId: '_request-1', privateKey: signer.privateKey, certificateBase64: signer.certificateBase64 });
    const request = parseXmlSecurely(signed).documentElement;
    const result = verifyEnvelopedSignature(request, [signer.certificatePem!], strictEidasPolicy);
    assert.equal(result.signatureAlgorithm, algorithms.rsaPssSha256);
    assert.equal(result.digestAlgorithm, algorithms.sha256);
    const names = Array.from(request.childNodes).filter((n) => n.nodeType === 1).map((n) => (n as Element).localName);
    assert.deepEqual(names, ['Issuer', 'Signature', 'Extensions', 'NameIDPolicy']);
    assert.equal(firstElement(request, namespaces.ds, 'X509Certificate').textContent, signer.certificateBase64);
  });

  it('signs with ECDSA ecdsa-sha256 by default for a P-256 key', () => {
    const signer = idpEc();
    const signed = signXml(authnRequest, { referenceId: '_request-1', privateKey: signer.privateKey });
    assert.equal(verifyEnvelopedSignature(parseXmlSecurely(signed).documentElement, [signer.publicKey], strictEidasPolicy).signatureAlgorithm, algorithms.ecdsaSha256);
  });

  it('places the metadata Signature first when there is no Issuer, or after the named child', () => {
    const signer = idpRsa();
    const first = parseXmlSecurely(signXml(metadata, { referenceId: '_metadata', privateKey: signer.privateKey })).documentElement;
    assert.equal((first.firstChild as Element).localName, 'Signature');
    const after = parseXmlSecurely(signXml(metadata, { referenceId: '_metadata', privateKey: signer.privateKey, insertAfterLocalName: 'Extensions' })).documentElement;
    assert.equal((after.childNodes[1] as Element).localName, 'Signature');
    verifyEnvelopedSignature(after, [signer.publicKey], strictEidasPolicy);
  });

  it('refuses to sign with SHA-1, an unknown ID or an algorithm that does not fit the key', () => {
    const { privateKey } = idpRsa();
    assert.throws(() => signXml(authnRequest, { referenceId: '_request-1', privateKey, digestAlgorithm: algorithms.sha1 }));
    assert.throws(() => signXml(authnRequest, { referenceId: '_nope', privateKey }));
    assert.throws(() => signXml(authnRequest, { referenceId: '_request-1', privateKey, signatureAlgorithm: algorithms.ecdsaSha256 }));
  });

  describe('judged by independent implementations (skipped where the Debian tools are missing)', () => {
    it('Apache Santuario verifies our RSA-PSS signature', function () {
      if (!tools.santuario()) this.skip();
      const signed = signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: idpRsa().privateKey });
      const result = santuario('verify', tempFile('signed.xml', signed), keyFile('idp-rsa3072-signing.crt.pem'));
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /VALID http:\/\/www\.w3\.org\/2007\/05\/xmldsig-more#sha256-rsa-MGF1/);
    });

    it('Apache Santuario rejects our RSA-PSS signature once the content is edited', function () {
      if (!tools.santuario()) this.skip();
      const signed = signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: idpRsa().privateKey }).replace(/ABC123/g, 'XYZ999');
      assert.notEqual(santuario('verify', tempFile('signed.xml', signed), keyFile('idp-rsa3072-signing.crt.pem')).status, 0);
    });

    it('Apache Santuario decrypts what encryptAssertion wrote (AES-256-GCM, RSA-OAEP SHA-256/MGF1-SHA256)', function () {
      if (!tools.santuario()) this.skip();
      const encrypted = encryptAssertion(assertionXml(), readCert('sp-rsa3072-encryption.crt.pem'));
      const wrapped = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r">${encrypted}</samlp:Response>`;
      const result = santuario('decrypt', tempFile('encrypted.xml', wrapped), keyFile('sp-rsa3072-encryption.key.pem'), 'RSA');
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /ID="_assertion-1"/);
      assert.match(result.stdout, /IT\/DE\/ABC123/);
    });

    it('xmlsec1 verifies our ECDSA P-256 signature', function () {
      if (!tools.xmlsec1()) this.skip();
      const signed = signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: idpEc().privateKey });
      const result = run('xmlsec1', ['--verify', '--pubkey-cert-pem', keyFile('idp-p256-signing.crt.pem'), '--id-attr:ID', `${namespaces.saml}:Assertion`, tempFile('signed.xml', signed)]);
      assert.equal(result.status, 0, result.stderr);
    });

    it('pyca/cryptography decrypts what encryptAssertion wrote for an EC recipient (ECDH-ES, ConcatKDF, kw-aes128)', function () {
      if (!tools.pyca()) this.skip();
      const encrypted = encryptAssertion(assertionXml(), readCert('sp-p256-encryption.crt.pem'), { keyWrap: algorithms.kwAes128, kdfDigest: algorithms.sha384 });
      const result = run('/usr/bin/python3', [path.join(repoRoot, 'scripts/fixtures/pyca_decrypt_ecdh.py'), tempFile('encrypted.xml', encrypted), keyFile('sp-p256-encryption.key.pem')]);
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, assertionXml());
    });
  });
});
