import { randomBytes, type KeyObject } from 'node:crypto';
import { encryptAssertion, signXml } from '../../src/inbound/saml/crypto/index.js';

/** What the IdP needs to answer one AuthnRequest. */
export interface ResponseJob {
  /** The SAMLRequest form value (base64 of the signed AuthnRequest, HTTP-POST binding). */
  samlRequest: string;
  citizen: IdpCitizen;
}

/** The minimum data set the IdP asserts (a new person per login flow; a demo citizen for evidence flows). */
export interface IdpCitizen { personIdentifier: string; familyName: string; givenName: string; dateOfBirth: string }

export interface IdpSigner {
  entityId: string;
  signingKey: KeyObject;
  signatureAlgorithm: string;
  certificateBase64: string;
  /** Passerelle's RSA saml-encryption certificate (from its metadata). */
  recipientCertificatePem: string;
  acsUrl: string;
  spEntityId: string;
}

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';
const uriFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';
const iso = (ms: number) => new Date(ms).toISOString();
const samlId = () => '_' + randomBytes(20).toString('hex');

/** The AuthnRequest's ID, as an IdP reads it to fill InResponseTo. */
export function authnRequestId(samlRequest: string): string {
  const xml = Buffer.from(samlRequest, 'base64').toString('utf8');
  const id = /<(?:\w+:)?AuthnRequest\b[^>]*?\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id) throw new Error('no AuthnRequest ID in the SAMLRequest');
  return id;
}

function attribute(name: string, value: string): string {
  return `<saml2:Attribute Name="${natural}${name}" NameFormat="${uriFormat}"><saml2:AttributeValue xsi:type="xs:string">${value}</saml2:AttributeValue></saml2:Attribute>`;
}

/**
 * A Success Response as an eIDAS proxy-service sends it: the assertion signed, encrypted to
 * Passerelle's encryption certificate (AES-256-GCM, RSA-OAEP with SHA-256 and MGF1-SHA-256),
 * then the Response signed. Returns the SAMLResponse form value.
 */
export function buildIdpResponse(signer: IdpSigner, job: ResponseJob, now = Date.now()): string {
  const requestId = authnRequestId(job.samlRequest);
  const responseId = samlId();
  const assertionId = samlId();
  const until = iso(now + 300_000);
  const assertion = `<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">`
    + `<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${signer.entityId}</saml2:Issuer>`
    + `<saml2:Subject><saml2:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${job.citizen.personIdentifier}</saml2:NameID>`
    + `<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml2:SubjectConfirmationData InResponseTo="${requestId}" NotOnOrAfter="${until}" Recipient="${signer.acsUrl}"/></saml2:SubjectConfirmation></saml2:Subject>`
    + `<saml2:Conditions NotBefore="${iso(now)}" NotOnOrAfter="${until}"><saml2:AudienceRestriction><saml2:Audience>${signer.spEntityId}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>`
    + `<saml2:AuthnStatement AuthnInstant="${iso(now)}"><saml2:AuthnContext><saml2:AuthnContextClassRef>http://eidas.europa.eu/LoA/substantial</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>`
    + '<saml2:AttributeStatement>'
    + attribute('PersonIdentifier', job.citizen.personIdentifier) + attribute('CurrentFamilyName', job.citizen.familyName)
    + attribute('CurrentGivenName', job.citizen.givenName) + attribute('DateOfBirth', job.citizen.dateOfBirth)
    + '</saml2:AttributeStatement></saml2:Assertion>';
  const sign = (xml: string, referenceId: string) => signXml(xml, {
    referenceId, privateKey: signer.signingKey, signatureAlgorithm: signer.signatureAlgorithm, certificateBase64: signer.certificateBase64,
  });
  const encrypted = encryptAssertion(sign(assertion, assertionId), signer.recipientCertificatePem);
  const response = '<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"'
    + ` ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}" Destination="${signer.acsUrl}" InResponseTo="${requestId}">`
    + `<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${signer.entityId}</saml2:Issuer>`
    + '<saml2p:Status><saml2p:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></saml2p:Status>'
    + encrypted + '</saml2p:Response>';
  return Buffer.from(sign(response, responseId), 'utf8').toString('base64');
}
