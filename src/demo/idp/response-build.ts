import { randomBytes } from 'node:crypto';
import { saml } from './samlify.js';
import { loaUri, type Loa } from '../../core/loa.js';
import { personIdentifierOf, type DemoCitizen } from '../citizens.js';
import { legalPersonIdentifierOf, type DemoCompany } from '../companies.js';
import { nameIdFormats, type AuthnRequestFields } from './authn-request-read.js';
import { attributeStatementContent, legalAttributeStatementContent } from './response-attributes.js';
import { samlId, samlInstant } from './xml-text.js';

const status = 'urn:oasis:names:tc:SAML:2.0:status:';
/** Assertions and bearer confirmations are good for five minutes. */
export const assertionLifetimeMs = 5 * 60_000;

const responseTemplate = '<saml2p:Response xmlns:saml2p="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion"'
  + ' Consent="urn:oasis:names:tc:SAML:2.0:consent:obtained" Destination="{Destination}" ID="{ID}" InResponseTo="{InResponseTo}"'
  + ' IssueInstant="{IssueInstant}" Version="2.0">'
  + '<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">{Issuer}</saml2:Issuer>'
  + '<saml2p:Status><saml2p:StatusCode Value="{StatusCode}">{SubStatus}</saml2p:StatusCode>{StatusMessage}</saml2p:Status>'
  + '{Assertion}</saml2p:Response>';

const assertionTemplate = '<saml2:Assertion xmlns:saml2="urn:oasis:names:tc:SAML:2.0:assertion" ID="{AssertionID}" IssueInstant="{IssueInstant}" Version="2.0">'
  + '<saml2:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">{Issuer}</saml2:Issuer>'
  + '<saml2:Subject><saml2:NameID Format="{NameIDFormat}">{NameID}</saml2:NameID>'
  + '<saml2:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">'
  + '<saml2:SubjectConfirmationData InResponseTo="{InResponseTo}" NotOnOrAfter="{NotOnOrAfter}" Recipient="{Recipient}"/>'
  + '</saml2:SubjectConfirmation></saml2:Subject>'
  + '<saml2:Conditions NotBefore="{NotBefore}" NotOnOrAfter="{NotOnOrAfter}"><saml2:AudienceRestriction>'
  + '<saml2:Audience>{Audience}</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>'
  + '<saml2:AuthnStatement AuthnInstant="{IssueInstant}" SessionIndex="{SessionIndex}"><saml2:AuthnContext>'
  + '<saml2:AuthnContextClassRef>{LoA}</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>'
  + '<saml2:AttributeStatement>{Attributes}</saml2:AttributeStatement></saml2:Assertion>';

export interface ResponseContext {
  readonly issuer: string;
  readonly request: AuthnRequestFields;
  readonly spEntityId: string;
  readonly acsUrl: string;
  readonly nodeCountry: string;
  readonly now: number;
}

/** Replaces `{Name}` with an XML fragment we built ourselves (samlify's replacer escapes, this one must not). */
function insertFragment(xml: string, tag: string, fragment: string): string {
  return xml.split(`{${tag}}`).join(fragment);
}

function responseShell(context: ResponseContext, statusCode: string, subStatus: string | undefined, message: string | undefined): string {
  let xml = saml.SamlLib.replaceTagsByValue(responseTemplate, {
    Destination: context.acsUrl, ID: samlId(randomBytes(20)), InResponseTo: context.request.id,
    IssueInstant: samlInstant(context.now), Issuer: context.issuer, StatusCode: statusCode,
  });
  xml = insertFragment(xml, 'SubStatus', subStatus ? `<saml2p:StatusCode Value="${subStatus}"/>` : '');
  const statusMessage = message ? saml.SamlLib.replaceTagsByValue('<saml2p:StatusMessage>{M}</saml2p:StatusMessage>', { M: message }) : '';
  return insertFragment(xml, 'StatusMessage', statusMessage);
}

/**
 * A Success response with one (still unsigned, unencrypted) assertion about `citizen`, or about the
 * company they represent when the request asked for a legal person.
 */
export function buildSuccessResponse(context: ResponseContext, citizen: DemoCitizen, loa: Loa, company?: DemoCompany): string {
  const personIdentifier = company ? legalPersonIdentifierOf(company, context.nodeCountry) : personIdentifierOf(citizen, context.nodeCountry);
  const transient = context.request.nameIdFormat === nameIdFormats.transient;
  let assertion = saml.SamlLib.replaceTagsByValue(assertionTemplate, {
    AssertionID: samlId(randomBytes(20)), IssueInstant: samlInstant(context.now), Issuer: context.issuer,
    NameIDFormat: context.request.nameIdFormat, NameID: transient ? samlId(randomBytes(16)) : personIdentifier,
    InResponseTo: context.request.id, NotOnOrAfter: samlInstant(context.now + assertionLifetimeMs),
    Recipient: context.acsUrl, NotBefore: samlInstant(context.now), Audience: context.spEntityId,
    SessionIndex: samlId(randomBytes(12)), LoA: loaUri(loa),
  });
  assertion = insertFragment(assertion, 'Attributes', company
    ? legalAttributeStatementContent(company, context.nodeCountry, context.request.requestedAttributes)
    : attributeStatementContent(citizen, personIdentifier, context.request.requestedAttributes));
  return insertFragment(responseShell(context, status + 'Success', undefined, undefined), 'Assertion', assertion);
}

/** Second-level status of a cancelled login (Passerelle reads RequestDenied as "cancelled"). */
export type CancelStatus = 'AuthnFailed' | 'RequestDenied';

/** The answer to a cancelled login: Responder / AuthnFailed (or RequestDenied), no assertion. */
export function buildCancelResponse(context: ResponseContext, second: CancelStatus = 'AuthnFailed'): string {
  return noAssertion(context, second, 'The citizen cancelled the authentication.');
}

/** The demo's "simulate a failure": Responder / AuthnFailed, as an IdP sends when it could not authenticate. */
export function buildFailureResponse(context: ResponseContext): string {
  return noAssertion(context, 'AuthnFailed', 'The authentication failed.');
}

function noAssertion(context: ResponseContext, second: CancelStatus, message: string): string {
  return insertFragment(responseShell(context, status + 'Responder', status + second, message), 'Assertion', '');
}
