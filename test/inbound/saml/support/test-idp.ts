import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { generateKey } from '../../../../src/keys/generate.js';
import { signXml } from '../../../../src/inbound/saml/crypto/index.js';

/** A national IdP as the tests play it: entityID, SSO URL, signing key and certificate. */
export interface TestIdp {
  country: string;
  entityId: string;
  ssoUrl: string;
  signingKey: KeyObject;
  certificatePem: string;
  certificateBase64: string;
}

const keyCache = new Map<string, Promise<{ signingKey: KeyObject; certificatePem: string; certificateBase64: string }>>();

/** A fresh key pair and self-signed certificate, cached per name for the whole run. */
export function testKey(name: string, type: 'RSA' | 'EC' = 'RSA') {
  const cacheKey = `${name}/${type}`;
  let found = keyCache.get(cacheKey);
  if (!found) {
    found = generateKey('saml-signing', type, name).then((generated) => {
      const certificate = new X509Certificate(generated.certificatePem!);
      return {
        signingKey: createPrivateKey(generated.privateKeyPem),
        certificatePem: certificate.toString(),
        certificateBase64: certificate.raw.toString('base64'),
      };
    });
    keyCache.set(cacheKey, found);
  }
  return found;
}

export async function createTestIdp(country: string, options: { keyType?: 'RSA' | 'EC'; keyName?: string } = {}): Promise<TestIdp> {
  const key = await testKey(options.keyName ?? `idp-${country.toLowerCase()}`, options.keyType ?? 'RSA');
  return { country, entityId: `https://idp.${country.toLowerCase()}.test/metadata`, ssoUrl: `https://idp.${country.toLowerCase()}.test/sso`, ...key };
}

export interface IdpMetadataOptions {
  bindings?: Array<'post' | 'redirect'>;
  validUntil?: string;
  cacheDuration?: string;
  nodeCountry?: string;
  /** Certificates listed as signing keys (default: the IdP's own). */
  signingCertificatesBase64?: string[];
  id?: string;
  /** WantAuthnRequestsSigned as published; null leaves the attribute out (default "true"). */
  wantAuthnRequestsSigned?: boolean | null;
  /** alg:SigningMethod / alg:DigestMethod URIs in the IDPSSODescriptor's Extensions. */
  signingMethods?: string[];
  digestMethods?: string[];
  /** AttributeValues of the eIDAS protocol-version entity attribute (e.g. ['1.4;1.3;1.2'] or ['1.4', '1.3']). */
  protocolVersions?: string[];
  /** AttributeValues of the assurance-certification entity attribute (e.g. ['http://eidas.europa.eu/LoA/substantial']). */
  assuranceCertification?: string[];
}

function entityAttribute(name: string, values: string[] | undefined): string {
  if (!values) return '';
  return `<saml2:Attribute xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">`
    + values.map((v) => `<saml2:AttributeValue>${v}</saml2:AttributeValue>`).join('') + '</saml2:Attribute>';
}

export function idpMetadataXml(idp: TestIdp, options: IdpMetadataOptions = {}): string {
  const bindings = options.bindings ?? ['post', 'redirect'];
  const certs = options.signingCertificatesBase64 ?? [idp.certificateBase64];
  const want = options.wantAuthnRequestsSigned === undefined ? true : options.wantAuthnRequestsSigned;
  const sso = bindings.map((b) => `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-${b === 'post' ? 'POST' : 'Redirect'}" Location="${idp.ssoUrl}"/>`).join('');
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="${options.id ?? '_md-' + idp.country}" entityID="${idp.entityId}"`
    + (options.validUntil ? ` validUntil="${options.validUntil}"` : '')
    + (options.cacheDuration ? ` cacheDuration="${options.cacheDuration}"` : '') + '>'
    + (options.protocolVersions || options.assuranceCertification ? '<md:Extensions><mdattr:EntityAttributes xmlns:mdattr="urn:oasis:names:tc:SAML:metadata:attribute">'
      + entityAttribute('http://eidas.europa.eu/entity-attributes/protocol-version', options.protocolVersions)
      + entityAttribute('urn:oasis:names:tc:SAML:attribute:assurance-certification', options.assuranceCertification)
      + '</mdattr:EntityAttributes></md:Extensions>' : '')
    + `<md:IDPSSODescriptor${want === null ? '' : ` WantAuthnRequestsSigned="${want}"`} protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`
    + `<md:Extensions><eidas:NodeCountry xmlns:eidas="http://eidas.europa.eu/saml-extensions">${options.nodeCountry ?? idp.country}</eidas:NodeCountry>`
    + (options.digestMethods ?? []).map((a) => `<alg:DigestMethod xmlns:alg="urn:oasis:names:tc:SAML:metadata:algsupport" Algorithm="${a}"/>`).join('')
    + (options.signingMethods ?? []).map((a) => `<alg:SigningMethod xmlns:alg="urn:oasis:names:tc:SAML:metadata:algsupport" Algorithm="${a}"/>`).join('')
    + '</md:Extensions>'
    + certs.map((c) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${c}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`).join('')
    + sso
    + '<saml2:Attribute xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" Name="http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"/>'
    + '</md:IDPSSODescriptor></md:EntityDescriptor>';
}

/** Metadata signed by a metadata signer (enveloped, reference to the root ID). */
export function signMetadata(xml: string, signer: { signingKey: KeyObject }, id: string): string {
  return signXml(xml, { referenceId: id, privateKey: signer.signingKey });
}
