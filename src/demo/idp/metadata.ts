import { randomBytes } from 'node:crypto';
import { attributeTable } from '../../core/attributes.js';
import { legalPersonAttributeTable } from '../../core/legal-person-attributes.js';
import { loaLevels, loaRank, loaUri } from '../../core/loa.js';
import { digestSha256 } from './algorithms.js';
import type { DemoIdpCountry } from './countries.js';
import type { DemoIdpKey } from './keys.js';
import { nameIdFormats } from './authn-request-read.js';
import { signEnveloped } from './xml-signature.js';
import { samlId, samlInstant, xmlEscape } from './xml-text.js';

const uriFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
/** Metadata is valid for a day and should be looked at again every hour. */
export const metadataValidityMs = 24 * 3600_000;
const cacheDuration = 'PT1H';

export interface IdpEndpoints {
  readonly entityId: string;
  readonly ssoUrl: string;
}

function entityAttribute(name: string, values: readonly string[]): string {
  const valueXml = values.map((v) => `<saml2:AttributeValue>${xmlEscape(v)}</saml2:AttributeValue>`).join('');
  return `<saml2:Attribute Name="${name}" NameFormat="${uriFormat}">${valueXml}</saml2:Attribute>`;
}

function keyDescriptor(key: DemoIdpKey): string {
  return `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>`
    + `<ds:X509Certificate>${key.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
}

/**
 * The IdP's SAML metadata: eIDAS entity attributes (protocol versions, application identifier,
 * assurance certification), algorithm support, NodeCountry, both SSO bindings, the signing
 * certificates and the supported natural-person attributes. Signed with the IdP's own key.
 */
export function buildIdpMetadata(country: DemoIdpCountry, keys: readonly DemoIdpKey[], endpoints: IdpEndpoints, now: number): string {
  const signing = keys[0]!;
  const certified = loaLevels.filter((l) => loaRank(l) <= loaRank(country.assuranceCertification)).map(loaUri);
  const entityAttributes = [
    entityAttribute('urn:oasis:names:tc:SAML:attribute:assurance-certification', certified),
    ...(country.eidasNode ? [
      entityAttribute('http://eidas.europa.eu/entity-attributes/protocol-version', ['1.4', '1.3', '1.2']),
      entityAttribute('http://eidas.europa.eu/entity-attributes/application-identifier', ['Passerelle-demo-IdP:0.1']),
    ] : []),
  ].join('');
  const supportedAttributes = [...attributeTable, ...legalPersonAttributeTable]
    .map((a) => `<saml2:Attribute FriendlyName="${a.friendlyName}" Name="${a.eidasUri}" NameFormat="${uriFormat}"/>`).join('');
  const bindings = ['HTTP-Redirect', 'HTTP-POST']
    .map((b) => `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${b}" Location="${xmlEscape(endpoints.ssoUrl)}"/>`).join('');
  const xml = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"`
    + ` ID="${samlId(randomBytes(16))}" entityID="${xmlEscape(endpoints.entityId)}" validUntil="${samlInstant(now + metadataValidityMs)}" cacheDuration="${cacheDuration}">`
    + `<md:Extensions><mdattr:EntityAttributes xmlns:mdattr="urn:oasis:names:tc:SAML:metadata:attribute">${entityAttributes}</mdattr:EntityAttributes>`
    + `<alg:DigestMethod xmlns:alg="urn:oasis:names:tc:SAML:metadata:algsupport" Algorithm="${digestSha256}"/>`
    + `<alg:SigningMethod xmlns:alg="urn:oasis:names:tc:SAML:metadata:algsupport" Algorithm="${country.signatureAlgorithm}"/>`
    + `</md:Extensions>`
    + `<md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`
    + `<md:Extensions><eidas:NodeCountry xmlns:eidas="http://eidas.europa.eu/saml-extensions">${country.code}</eidas:NodeCountry></md:Extensions>`
    + keys.map(keyDescriptor).join('')
    + Object.values(nameIdFormats).map((f) => `<md:NameIDFormat>${f}</md:NameIDFormat>`).join('')
    + bindings + supportedAttributes
    + `</md:IDPSSODescriptor>`
    + `<md:Organization><md:OrganizationName xml:lang="en">Demo national IdP ${country.code}</md:OrganizationName>`
    + `<md:OrganizationDisplayName xml:lang="${country.lang}">${xmlEscape(country.texts.title)}</md:OrganizationDisplayName>`
    + `<md:OrganizationURL xml:lang="en">${xmlEscape(endpoints.entityId)}</md:OrganizationURL></md:Organization>`
    + `<md:ContactPerson contactType="technical"><md:Company>Passerelle demo</md:Company><md:EmailAddress>mailto:demo-idp@example.org</md:EmailAddress></md:ContactPerson>`
    + `</md:EntityDescriptor>`;
  return signEnveloped(xml, { algorithm: country.signatureAlgorithm, privateKey: signing.privateKey, certificateBase64: signing.certificateBase64 },
    "/*[local-name(.)='EntityDescriptor']", { reference: "/*[local-name(.)='EntityDescriptor']", action: 'prepend' });
}
