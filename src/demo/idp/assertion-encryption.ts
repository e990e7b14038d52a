import { constants, createCipheriv, publicEncrypt, randomBytes } from 'node:crypto';
import { pem } from './xml-signature.js';

const xenc = 'http://www.w3.org/2001/04/xmlenc#';
const assertionStart = '<saml2:Assertion ';
const assertionEnd = '</saml2:Assertion>';

/**
 * Encrypts the (signed, self-contained) Assertion of a Response as the eIDAS-Node 2.9 does by default and as
 * eIDAS protocol 1.4 requires: AES-256-GCM content, `xmlenc11#rsa-oaep` key transport with SHA-256 and
 * MGF1-SHA256. samlify's encryption (xml-encryption) only offers `rsa-oaep-mgf1p`, which 1.4 forbids, so the
 * demo eIDAS nodes, which declare 1.4 in their metadata, encrypt here; the national demo IdP keeps samlify.
 */
export function encryptAssertionProtocol14(responseXml: string, recipientCertificateBase64: string): string {
  const start = responseXml.indexOf(assertionStart);
  const end = responseXml.indexOf(assertionEnd, start);
  if (start === -1 || end === -1) return responseXml;
  const assertion = responseXml.slice(start, end + assertionEnd.length);
  const contentKey = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', contentKey, iv);
  const data = Buffer.concat([iv, cipher.update(assertion, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt({ key: pem(recipientCertificateBase64), padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, contentKey);
  const encrypted = `<saml2:EncryptedAssertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion">`
    + `<xenc:EncryptedData xmlns:xenc="${xenc}" Type="${xenc}Element"><xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>`
    + '<ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><xenc:EncryptedKey>'
    + '<xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#rsa-oaep">'
    + '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
    + '<xenc11:MGF xmlns:xenc11="http://www.w3.org/2009/xmlenc11#" Algorithm="http://www.w3.org/2009/xmlenc11#mgf1sha256"/></xenc:EncryptionMethod>'
    + `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo>`
    + `<xenc:CipherData><xenc:CipherValue>${data.toString('base64')}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData>`
    + '</saml2:EncryptedAssertion>';
  return responseXml.slice(0, start) + encrypted + responseXml.slice(end + assertionEnd.length);
}
