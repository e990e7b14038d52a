import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { X509Certificate } from 'node:crypto';
import { XMLSerializer } from '@xmldom/xmldom';
import { namespaces, parseXmlSecurely } from '../../../../../src/inbound/saml/crypto/index.js';
import { independentCert, independentKey, vectorKey } from './paths.js';

/** A small eIDAS-shaped Assertion (unsigned) with the given ID. */
export function assertionXml(id = '_assertion-1', personIdentifier = 'IT/DE/ABC123'): string {
  return `<saml2:Assertion xmlns:saml2="${namespaces.saml}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" `
    + `xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${id}" IssueInstant="2026-01-15T10:00:00.000Z" Version="2.0">`
    + '<saml2:Issuer>https://idp.test/metadata</saml2:Issuer>'
    + `<saml2:Subject><saml2:NameID>${personIdentifier}</saml2:NameID></saml2:Subject>`
    + '<saml2:AttributeStatement><saml2:Attribute Name="http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier">'
    + `<saml2:AttributeValue xsi:type="xs:string">${personIdentifier}</saml2:AttributeValue></saml2:Attribute></saml2:AttributeStatement>`
    + '</saml2:Assertion>';
}

/** A Response wrapping `inner` (an Assertion or EncryptedAssertion string). */
export function responseXml(inner: string, id = '_response-1'): string {
  return `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="${namespaces.saml}" ID="${id}" Version="2.0" `
    + 'IssueInstant="2026-01-15T10:00:00.000Z"><saml2:Issuer>https://idp.test/metadata</saml2:Issuer>'
    + `<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>${inner}</saml2p:Response>`;
}

export const serialize = (node: Node): string => new XMLSerializer().serializeToString(node);

export function documentElement(xml: string): Element {
  return parseXmlSecurely(xml).documentElement;
}

export function firstElement(root: Node, ns: string, localName: string): Element {
  const found = (root.nodeType === 9 ? (root as Document) : (root as Element).ownerDocument!).getElementsByTagNameNS(ns, localName)[0];
  if (!found) throw new Error(`no ${localName}`);
  return found;
}

export interface TestSigner { privateKey: KeyObject; publicKey: KeyObject; certificatePem?: string; certificateBase64?: string }

export const idpRsa = (): TestSigner => withCert(independentKey('idp-rsa3072-signing'), independentCert('idp-rsa3072-signing'));
export const idpEc = (): TestSigner => withCert(independentKey('idp-p256-signing'), independentCert('idp-p256-signing'));
export const attackerRsa = (): TestSigner => withCert(independentKey('attacker-rsa3072'), independentCert('attacker-rsa3072'));

function withCert(privateKey: KeyObject, certificatePem: string): TestSigner {
  const certificate = new X509Certificate(certificatePem);
  return { privateKey, publicKey: certificate.publicKey, certificatePem, certificateBase64: certificate.raw.toString('base64') };
}

const generated = new Map<string, TestSigner>();
/** Fresh keys for algorithms the committed fixtures do not cover (cached per run: RSA generation is slow). */
export function generatedSigner(kind: 'rsa2048' | 'rsa3072' | 'rsa4096' | 'P-256' | 'P-384' | 'P-521' | 'brainpoolP256r1' | 'brainpoolP384r1' | 'brainpoolP512r1'): TestSigner {
  let signer = generated.get(kind);
  if (!signer && kind === 'rsa3072') signer = idpRsa();
  if (!signer && kind === 'rsa4096') signer = { privateKey: vectorKey('test-rsa_rsa4096.pem'), publicKey: createPublicKey(vectorKey('test-rsa_rsa4096.pem')) };
  if (!signer) {
    signer = kind.startsWith('rsa')
      ? generateKeyPairSync('rsa', { modulusLength: Number(kind.slice(3)) })
      : generateKeyPairSync('ec', { namedCurve: kind });
    generated.set(kind, signer);
  }
  return signer;
}
