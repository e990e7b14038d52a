import assert from 'node:assert/strict';
import {
  algorithms, namespaces, parseXmlSecurely, signXml, strictEidasPolicy, verifyEnvelopedSignature,
} from '../../../../src/inbound/saml/crypto/index.js';
import { assertionXml, attackerRsa, firstElement, idpRsa, responseXml, serialize } from './support/assertions.js';
import { rawSign } from './support/raw-signer.js';

const root = (xml: string) => parseXmlSecurely(xml).documentElement;
const signedAssertion = () => signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: idpRsa().privateKey, certificateBase64: idpRsa().certificateBase64 });
const trusted = () => [idpRsa().certificatePem!];
/** Rejected with `code`, and (where given) for the stated reason, so a test cannot pass by accident. */
const rejects = (element: Element, code = 'saml_signature_invalid', reason?: RegExp) =>
  assert.throws(() => verifyEnvelopedSignature(element, trusted(), strictEidasPolicy), { code, ...(reason ? { message: reason } : {}) });

describe('eIDAS signature verification: what is signed, and by whom', () => {
  it('accepts our own signature with the trusted certificate and returns the very element it checked', () => {
    const element = root(signedAssertion());
    assert.equal(verifyEnvelopedSignature(element, trusted(), strictEidasPolicy).signedElement, element);
  });

  it('rejects a signature by an attacker key whose certificate sits in KeyInfo (KeyInfo is never trusted)', () => {
    const attacker = attackerRsa();
    const forged = signXml(assertionXml(), { referenceId: '_assertion-1', privateKey: attacker.privateKey, certificateBase64: attacker.certificateBase64 });
    rejects(root(forged), 'saml_signature_invalid', /does not verify with any trusted key/);
  });

  it('rejects when the trusted list is empty, whatever KeyInfo says', () => {
    assert.throws(() => verifyEnvelopedSignature(root(signedAssertion()), [], strictEidasPolicy), { code: 'saml_signature_invalid' });
  });

  it('rejects a bit-flipped SignatureValue', () => {
    const xml = signedAssertion();
    const value = /<ds:SignatureValue>([^<]+)</.exec(xml)![1]!;
    const bytes = Buffer.from(value, 'base64');
    bytes[10] = bytes[10]! ^ 0x01;
    rejects(root(xml.replace(value, bytes.toString('base64'))), 'saml_signature_invalid', /signature value/);
  });

  it('rejects signed content edited after signing (PersonIdentifier changed)', () => {
    rejects(root(signedAssertion().replace(/IT\/DE\/ABC123/g, 'IT/DE/VICTIM1')), 'saml_signature_invalid', /digest/);
  });

  it('rejects a comment smuggled into the DigestValue (CVE-2025-29775)', () => {
    const xml = signedAssertion().replace(/IT\/DE\/ABC123/g, 'IT/DE/VICTIM1').replace('<ds:DigestValue>', '<ds:DigestValue><!--AAAA-->');
    rejects(root(xml), 'saml_signature_invalid', /text only/);
  });

  it('rejects two References in SignedInfo, even when both digests are right', () => {
    const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey: idpRsa().privateKey, referenceUris: ['#_assertion-1', '#_assertion-1'] });
    rejects(root(signed), 'saml_signature_invalid', /exactly one Reference/);
  });

  it('rejects Reference URI="" on a protocol message', () => {
    const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey: idpRsa().privateKey, referenceUris: [''] });
    rejects(root(signed), 'saml_signature_invalid', /URI=""/);
  });

  it('rejects an Assertion signature whose Reference points at another element (the Response)', () => {
    const xml = responseXml(assertionXml());
    const signed = rawSign(xml, { elementId: '_assertion-1', privateKey: idpRsa().privateKey, referenceUris: ['#_response-1'] });
    rejects(firstElement(parseXmlSecurely(signed), namespaces.saml, 'Assertion'), 'saml_signature_invalid', /does not point at the signed element/);
  });

  it('rejects when the signed ID appears twice in the document (signature wrapping)', () => {
    const signed = signedAssertion();
    const evil = assertionXml('_assertion-1', 'IT/DE/VICTIM1');
    const response = parseXmlSecurely(responseXml(`${evil}${signed.replace(/^<\?xml[^>]*>/, '')}`));
    const assertions = response.getElementsByTagNameNS(namespaces.saml, 'Assertion');
    rejects(assertions[1]!, 'saml_signature_invalid', /not unique/);
  });

  it('rejects a ds:Object inside the Signature holding a clone of the signed element (XSW8)', () => {
    const document = parseXmlSecurely(signedAssertion());
    const signature = firstElement(document, namespaces.ds, 'Signature');
    const object = document.createElementNS(namespaces.ds, 'ds:Object');
    object.appendChild(document.importNode(root(assertionXml('_other', 'IT/DE/VICTIM1')), true));
    signature.appendChild(object);
    rejects(document.documentElement, 'saml_signature_invalid', /unexpected Signature content/);
  });

  it('rejects two Signature children and a missing Signature', () => {
    const document = parseXmlSecurely(signedAssertion());
    const signature = firstElement(document, namespaces.ds, 'Signature');
    document.documentElement.appendChild(signature.cloneNode(true));
    rejects(document.documentElement, 'saml_signature_invalid', /found 2/);
    rejects(root(assertionXml()), 'saml_signature_invalid', /found 0/);
  });

  it('rejects a second SignedInfo (CVE-2025-29774)', () => {
    const document = parseXmlSecurely(signedAssertion());
    const signedInfo = firstElement(document, namespaces.ds, 'SignedInfo');
    signedInfo.parentNode!.insertBefore(signedInfo.cloneNode(true), signedInfo);
    rejects(document.documentElement, 'saml_signature_invalid', /unexpected Signature content/);
  });

  it('refuses SignatureMethod parameters such as HMACOutputLength (CVE-2009-0217)', () => {
    const xml = signedAssertion().replace(/(<ds:SignatureMethod Algorithm="[^"]+")\/>/, `$1><ds:HMACOutputLength>8</ds:HMACOutputLength></ds:SignatureMethod>`);
    rejects(root(xml), 'saml_algorithm_refused');
  });

  it('verifies the signature of a nested Assertion without being fooled by the signature of its parent Response', () => {
    const assertion = signedAssertion().replace(/^<\?xml[^>]*>/, '');
    const response = signXml(responseXml(assertion), { referenceId: '_response-1', privateKey: idpRsa().privateKey });
    const document = parseXmlSecurely(response);
    verifyEnvelopedSignature(document.documentElement, trusted(), strictEidasPolicy);
    const inner = firstElement(document, namespaces.saml, 'Assertion');
    assert.equal(verifyEnvelopedSignature(inner, trusted(), strictEidasPolicy).signedElement, inner);
  });

  it('leaves the caller\'s DOM untouched (canonicalization works on a copy)', () => {
    const element = root(signedAssertion());
    const before = serialize(element);
    verifyEnvelopedSignature(element, trusted(), strictEidasPolicy);
    assert.equal(serialize(element), before);
  });

  it('rejects an Assertion signed over an element whose ID was changed after signing', () => {
    rejects(root(signedAssertion().replace('ID="_assertion-1"', 'ID="_assertion-2"')), 'saml_signature_invalid', /does not point at the signed element/);
  });

  it('refuses a digest algorithm it does not know (MD5)', () => {
    const signed = rawSign(assertionXml(), { elementId: '_assertion-1', privateKey: idpRsa().privateKey, digestAlgorithm: algorithms.md5 });
    rejects(root(signed), 'saml_algorithm_refused');
  });
});
