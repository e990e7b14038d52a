import { constants, createPrivateKey, createPublicKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { saml } from '../../../../src/demo/idp/samlify.js';
import { SignedXml, type SignatureAlgorithm } from 'xml-crypto';
import { decryptEncryptedAssertion, parseXmlSecurely, strictEidasPolicy } from '../../../../src/inbound/saml/crypto/index.js';
import { generateKey } from '../../../../src/keys/generate.js';
import type { SpDescriptionInput } from '../../../../src/demo/idp/sp-description.js';

export const spEntityId = 'https://passerelle.test/saml/metadata';
export const spAcsUrl = 'https://passerelle.test/saml/acs';

export const uris = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaPss: 'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  ecdsa: 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  rsaSha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
};

export interface TestKey { privateKey: KeyObject; privateKeyPem: string; certificatePem: string; certificateBase64: string }

export interface TestSp {
  rsaSigning: TestKey;
  ecSigning: TestKey;
  encryption: TestKey;
  /** A key pair the IdP does not know, for wrong-signature tests. */
  stranger: TestKey;
  description: SpDescriptionInput;
}

async function key(purpose: 'saml-signing' | 'saml-encryption', type: 'RSA' | 'EC'): Promise<TestKey> {
  const generated = await generateKey(purpose, type, `test SP ${purpose} ${type}`);
  const cert = new X509Certificate(generated.certificatePem!);
  return { privateKey: createPrivateKey(generated.privateKeyPem), privateKeyPem: generated.privateKeyPem, certificatePem: generated.certificatePem!, certificateBase64: cert.raw.toString('base64') };
}

export async function createTestSp(nodeCountry = 'DE'): Promise<TestSp> {
  const [rsaSigning, ecSigning, encryption, stranger] = await Promise.all([
    key('saml-signing', 'RSA'), key('saml-signing', 'EC'), key('saml-encryption', 'RSA'), key('saml-signing', 'RSA'),
  ]);
  return {
    rsaSigning, ecSigning, encryption, stranger,
    description: {
      entityId: spEntityId, acsUrl: spAcsUrl, nodeCountry,
      signingCertificatePems: [rsaSigning.certificatePem, ecSigning.certificatePem],
      encryptionCertificatePem: encryption.certificatePem,
    },
  };
}

export interface AuthnRequestOptions {
  id?: string;
  destination: string;
  issueInstant: Date;
  loa?: 'low' | 'substantial' | 'high';
  acsUrl?: string;
  issuer?: string;
  nameIdFormat?: string;
  requestedAttributes?: { name: string; required: boolean }[];
}

/** An eIDAS AuthnRequest as the connector would build it. */
export function authnRequestXml(o: AuthnRequestOptions): string {
  const attrs = (o.requestedAttributes ?? [
    { name: 'PersonIdentifier', required: true }, { name: 'CurrentFamilyName', required: true },
    { name: 'CurrentGivenName', required: true }, { name: 'DateOfBirth', required: true },
    { name: 'PlaceOfBirth', required: false }, { name: 'CurrentAddress', required: false }, { name: 'Gender', required: false },
  ]).map((a) => `<eidas:RequestedAttribute Name="http://eidas.europa.eu/attributes/naturalperson/${a.name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri" isRequired="${a.required}"/>`).join('');
  return `<saml2p:AuthnRequest xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:eidas="http://eidas.europa.eu/saml-extensions"`
    + ` ID="${o.id ?? '_req' + Math.random().toString(16).slice(2)}" Version="2.0" IssueInstant="${o.issueInstant.toISOString()}" Destination="${o.destination}"`
    + ` ForceAuthn="true" IsPassive="false" ProviderName="Bremerhaven kindergarten" AssertionConsumerServiceURL="${o.acsUrl ?? spAcsUrl}"`
    + ` ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">`
    + `<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${o.issuer ?? spEntityId}</saml2:Issuer>`
    + `<saml2p:Extensions><eidas:SPType>public</eidas:SPType><eidas:RequestedAttributes>${attrs}</eidas:RequestedAttributes></saml2p:Extensions>`
    + `<saml2p:NameIDPolicy AllowCreate="true" Format="${o.nameIdFormat ?? 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'}"/>`
    + `<saml2p:RequestedAuthnContext Comparison="minimum"><saml2:AuthnContextClassRef>http://eidas.europa.eu/LoA/${o.loa ?? 'substantial'}</saml2:AuthnContextClassRef></saml2p:RequestedAuthnContext>`
    + `</saml2p:AuthnRequest>`;
}

function nodeSign(alg: string, data: Buffer, key: KeyObject): Buffer {
  if (alg === uris.ecdsa) return sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' });
  if (alg === uris.rsaPss) return sign('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  if (alg === uris.rsaSha1) return sign('sha1', data, key);
  return sign('sha256', data, key);
}

/** The HTTP-Redirect binding, signed with node:crypto directly (independent of the IdP's code). */
export function redirectQuery(xml: string, alg: string | undefined, key: KeyObject | undefined, relayState?: string): string {
  let query = 'SAMLRequest=' + encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString('base64'));
  if (relayState !== undefined) query += '&RelayState=' + encodeURIComponent(relayState);
  if (alg && key) {
    query += '&SigAlg=' + encodeURIComponent(alg);
    query += '&Signature=' + encodeURIComponent(nodeSign(alg, Buffer.from(query), key).toString('base64'));
  }
  return query;
}

/** A test-side ECDSA class for xml-crypto, written apart from the IdP's own. */
class TestEcdsaSha256 implements SignatureAlgorithm {
  getSignature(signedInfo: unknown, privateKey: unknown): string {
    return sign('sha256', Buffer.from(signedInfo as string), { key: privateKey as KeyObject, dsaEncoding: 'ieee-p1363' }).toString('base64');
  }
  verifySignature(material: string, key: unknown, signatureValue: string): boolean {
    return verify('sha256', Buffer.from(material), { key: createPublicKey(key as string), dsaEncoding: 'ieee-p1363' }, Buffer.from(signatureValue, 'base64'));
  }
  getAlgorithmName() { return uris.ecdsa; }
}

function testSignedXml(options: ConstructorParameters<typeof SignedXml>[0]): SignedXml {
  const sig = new SignedXml(options);
  sig.SignatureAlgorithms = { ...sig.SignatureAlgorithms, [uris.ecdsa]: TestEcdsaSha256 as never };
  return sig;
}

/** An enveloped signature on the AuthnRequest (HTTP-POST binding), or on metadata (prepended). */
export function signRequestXml(xml: string, alg: string, k: TestKey, location: 'after-issuer' | 'prepend' = 'after-issuer'): string {
  const sig = testSignedXml({ privateKey: alg === uris.ecdsa ? k.privateKey : k.privateKeyPem, signatureAlgorithm: alg, canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#' });
  sig.addReference({ xpath: '/*', transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  sig.computeSignature(xml, { prefix: 'ds', location: location === 'prepend' ? { reference: '/*', action: 'prepend' } : { reference: "/*/*[local-name(.)='Issuer']", action: 'after' } });
  return sig.getSignedXml();
}

/**
 * Verifies the signature that is a direct child of `element` (the document element, or its
 * Assertion child) with `certificatePem`, and that it references that element. Returns the
 * SignatureMethod it used, or undefined.
 */
export function verifyElementSignature(xml: string, element: 'root' | 'assertion', certificatePem: string): string | undefined {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  let target: Element = doc.documentElement!;
  if (element === 'assertion') {
    target = Array.from(target.childNodes as unknown as ArrayLike<Element>).find((n) => n.localName === 'Assertion')!;
    if (!target) return undefined;
  }
  const signature = Array.from(target.childNodes as unknown as ArrayLike<Element>).find((n) => n.localName === 'Signature');
  if (!signature) return undefined;
  const reference = signature.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Reference')[0];
  if (reference?.getAttribute('URI') !== '#' + target.getAttribute('ID')) return undefined;
  const sig = testSignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  sig.loadSignature(signature);
  const ok = sig.checkSignature(element === 'root' ? xml : new XMLSerializer().serializeToString(target));
  return ok ? signature.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'SignatureMethod')[0]?.getAttribute('Algorithm') ?? undefined : undefined;
}

/** Decrypts the EncryptedAssertion with samlify acting as the SP (AES-GCM + RSA-OAEP). */
export async function decryptResponse(xml: string, sp: TestSp): Promise<string> {
  // samlify (xml-encryption) knows rsa-oaep-mgf1p only; the eIDAS-node demo IdPs use xmlenc11#rsa-oaep (protocol 1.4).
  if (xml.includes('http://www.w3.org/2009/xmlenc11#rsa-oaep"')) {
    const encrypted = parseXmlSecurely(xml).getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'EncryptedAssertion')[0]!;
    return decryptEncryptedAssertion(encrypted, [createPrivateKey(sp.encryption.privateKeyPem)], strictEidasPolicy);
  }
  const entity = saml.ServiceProvider({ entityID: spEntityId, encPrivateKey: sp.encryption.privateKeyPem, assertionConsumerService: [{ Binding: saml.Constants.namespace.binding.post, Location: spAcsUrl }] });
  const [, assertion] = await saml.SamlLib.decryptAssertion(entity, xml);
  return assertion;
}

/** SAML metadata for the test SP, the way Passerelle publishes its own (two signing, two encryption keys). */
export function spMetadataXml(sp: TestSp, nodeCountry: string, ec: TestKey = sp.ecSigning): string {
  const kd = (use: string, k: TestKey) => `<md:KeyDescriptor use="${use}"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${k.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="_spmd" entityID="${spEntityId}" cacheDuration="PT10M">`
    + `<md:Extensions><eidas:SPType xmlns:eidas="http://eidas.europa.eu/saml-extensions">public</eidas:SPType></md:Extensions>`
    + `<md:SPSSODescriptor AuthnRequestsSigned="true" WantAssertionsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`
    + `<md:Extensions><eidas:NodeCountry xmlns:eidas="http://eidas.europa.eu/saml-extensions">${nodeCountry}</eidas:NodeCountry></md:Extensions>`
    + kd('signing', sp.rsaSigning) + kd('signing', ec) + kd('encryption', ec) + kd('encryption', sp.encryption)
    + `<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${spAcsUrl}" index="0" isDefault="true"/>`
    + `</md:SPSSODescriptor></md:EntityDescriptor>`;
}
