import { randomBytes, type KeyObject } from 'node:crypto';
import { encryptAssertion, signXml, type EncryptAssertionOptions } from '../../../../src/inbound/saml/crypto/index.js';
import type { TestIdp } from './test-idp.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';
export const uriFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

export interface AttributeSpec { name: string; values: string[]; nameFormat?: string | null; rawValues?: string[] }

/** The eIDAS minimum data set for a citizen of `country` using our node (DE). */
export function minimumDataSet(country = 'IT', identifier = `${country}/DE/ABC123456`): AttributeSpec[] {
  return [
    { name: natural + 'PersonIdentifier', values: [identifier] },
    { name: natural + 'CurrentFamilyName', values: ['Rossi'] },
    { name: natural + 'CurrentGivenName', values: ['Giulia'] },
    { name: natural + 'DateOfBirth', values: ['1990-04-12'] },
  ];
}

/** Every field of a Response a test may change; `null` leaves the attribute or element out. */
export interface ResponseFields {
  responseId: string;
  assertionId: string;
  inResponseTo: string | null;
  issueInstant: number;
  assertionIssueInstant: number;
  destination: string | null;
  issuer: string | null;
  issuerFormat: string | null;
  assertionIssuer: string | null;
  statusCode: string;
  subStatusCode: string | null;
  method: string;
  recipient: string | null;
  scdInResponseTo: string | null;
  scdNotOnOrAfter: number | null;
  scdNotBefore: number | null;
  notBefore: number | null;
  notOnOrAfter: number | null;
  /** One inner list per AudienceRestriction. */
  audiences: string[][];
  conditionsCount: number;
  authnInstant: number;
  loaUri: string;
  attributes: AttributeSpec[];
  includeAssertion: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();
const attr = (name: string, value: string | null | undefined) => (value === null || value === undefined ? '' : ` ${name}="${value}"`);

export function defaultFields(idp: TestIdp, requestId: string, now: number, sp: { acsUrl: string; entityId: string }): ResponseFields {
  return {
    responseId: '_r' + randomBytes(16).toString('hex'), assertionId: '_a' + randomBytes(16).toString('hex'),
    inResponseTo: requestId, issueInstant: now, assertionIssueInstant: now, destination: sp.acsUrl,
    issuer: idp.entityId, issuerFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity', assertionIssuer: idp.entityId,
    statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Success', subStatusCode: null,
    method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer', recipient: sp.acsUrl, scdInResponseTo: requestId,
    scdNotOnOrAfter: now + 300_000, scdNotBefore: null, notBefore: now, notOnOrAfter: now + 300_000,
    audiences: [[sp.entityId]], conditionsCount: 1, authnInstant: now, loaUri: 'http://eidas.europa.eu/LoA/substantial',
    attributes: minimumDataSet(idp.country), includeAssertion: true,
  };
}

export function assertionXml(f: ResponseFields): string {
  const attributes = f.attributes.map((a) => `<saml2:Attribute Name="${a.name}"${attr('NameFormat', a.nameFormat === undefined ? uriFormat : a.nameFormat)}>`
    + (a.rawValues ?? a.values.map((v) => `<saml2:AttributeValue xsi:type="xs:string">${v}</saml2:AttributeValue>`)).join('')
    + '</saml2:Attribute>').join('');
  const audience = f.audiences.map((list) => `<saml2:AudienceRestriction>${list.map((a) => `<saml2:Audience>${a}</saml2:Audience>`).join('')}</saml2:AudienceRestriction>`).join('');
  const conditions = `<saml2:Conditions${attr('NotBefore', f.notBefore === null ? null : iso(f.notBefore))}${attr('NotOnOrAfter', f.notOnOrAfter === null ? null : iso(f.notOnOrAfter))}>${audience}</saml2:Conditions>`;
  return `<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${f.assertionId}" Version="2.0" IssueInstant="${iso(f.assertionIssueInstant)}">`
    + (f.assertionIssuer === null ? '' : `<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${f.assertionIssuer}</saml2:Issuer>`)
    + '<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">opaque-name-id</saml2:NameID>'
    + `<saml2:SubjectConfirmation Method="${f.method}"><saml2:SubjectConfirmationData${attr('InResponseTo', f.scdInResponseTo)}${attr('NotBefore', f.scdNotBefore === null ? null : iso(f.scdNotBefore))}${attr('NotOnOrAfter', f.scdNotOnOrAfter === null ? null : iso(f.scdNotOnOrAfter))}${attr('Recipient', f.recipient)}/></saml2:SubjectConfirmation></saml2:Subject>`
    + conditions.repeat(f.conditionsCount)
    + `<saml2:AuthnStatement AuthnInstant="${iso(f.authnInstant)}"><saml2:AuthnContext><saml2:AuthnContextClassRef>${f.loaUri}</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>`
    + `<saml2:AttributeStatement>${attributes}</saml2:AttributeStatement>`
    + '</saml2:Assertion>';
}

export function responseXml(f: ResponseFields, assertion: string): string {
  const sub = f.subStatusCode ? `<saml2p:StatusCode Value="${f.subStatusCode}"/>` : '';
  return `<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="${f.responseId}" Version="2.0" IssueInstant="${iso(f.issueInstant)}"${attr('Destination', f.destination)}${attr('InResponseTo', f.inResponseTo)}>`
    + (f.issuer === null ? '' : `<saml2:Issuer${attr('Format', f.issuerFormat)}>${f.issuer}</saml2:Issuer>`)
    + `<saml2p:Status><saml2p:StatusCode Value="${f.statusCode}">${sub}</saml2p:StatusCode></saml2p:Status>`
    + (f.includeAssertion ? assertion : '')
    + '</saml2p:Response>';
}

export interface Signer { signingKey: KeyObject; certificateBase64?: string }

export interface BuildOptions {
  /** Signs the Assertion (default: the IdP). `false` leaves it unsigned. */
  assertionSigner?: Signer | false;
  /** Signs the Response (default: the IdP). `false` leaves it unsigned. */
  responseSigner?: Signer | false;
  signatureAlgorithm?: string;
  digestAlgorithm?: string;
  /** Encrypts the signed Assertion for this recipient (our saml-encryption certificate). */
  encryptFor?: KeyObject | string;
  encryption?: EncryptAssertionOptions;
  /** Edits the signed assertion XML before it is encrypted / embedded (no re-signing). */
  editSignedAssertion?: (xml: string) => string;
}

/** Builds the Response XML the way an eIDAS proxy-service does: sign the assertion, encrypt it, sign the response. */
export function buildResponse(idp: TestIdp, fields: ResponseFields, options: BuildOptions = {}): string {
  const algorithms = {
    ...(options.signatureAlgorithm ? { signatureAlgorithm: options.signatureAlgorithm } : {}),
    ...(options.digestAlgorithm ? { digestAlgorithm: options.digestAlgorithm } : {}),
  };
  const assertionSigner = options.assertionSigner === undefined ? idp : options.assertionSigner;
  let assertion = assertionXml(fields);
  if (assertionSigner) {
    assertion = signXml(assertion, { referenceId: fields.assertionId, privateKey: assertionSigner.signingKey, ...algorithms,
      ...(assertionSigner.certificateBase64 ? { certificateBase64: assertionSigner.certificateBase64 } : {}) });
  }
  if (options.editSignedAssertion) assertion = options.editSignedAssertion(assertion);
  if (options.encryptFor) assertion = encryptAssertion(assertion, options.encryptFor, options.encryption);
  const response = responseXml(fields, assertion);
  const responseSigner = options.responseSigner === undefined ? idp : options.responseSigner;
  if (!responseSigner) return response;
  return signXml(response, { referenceId: fields.responseId, privateKey: responseSigner.signingKey, ...algorithms,
    ...(responseSigner.certificateBase64 ? { certificateBase64: responseSigner.certificateBase64 } : {}) });
}
