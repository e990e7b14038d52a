import { attributeTable, type CitizenAttributeName } from '../../core/attributes.js';
import type { CitizenAddress } from '../../core/citizen.js';
import { legalPersonAttributeTable, naturalRepresentativeUri, type LegalAttributeDefinition } from '../../core/legal-person-attributes.js';
import { personIdentifierOf, type DemoCitizen } from '../citizens.js';
import { legalPersonIdentifierOf, representativeOf, type DemoCompany } from '../companies.js';
import type { RequestedAttribute } from './authn-request-read.js';
import { xmlEscape } from './xml-text.js';

const naturalNs = 'http://eidas.europa.eu/attributes/naturalperson';
const legalNs = 'http://eidas.europa.eu/attributes/legalperson';
const xsiNs = 'http://www.w3.org/2001/XMLSchema-instance';
const uriFormat = 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri';

interface AttributeValue {
  readonly value: string;
  /** false for a value in a non-Latin script (eIDAS LatinScript marker). */
  readonly latin?: boolean;
}

/** The eIDAS CurrentAddress parts in schema order, with their element names. */
const addressParts: readonly [keyof CitizenAddress, string][] = [
  ['poBox', 'PoBox'], ['locatorDesignator', 'LocatorDesignator'], ['locatorName', 'LocatorName'],
  ['cvaddressArea', 'CvaddressArea'], ['thoroughfare', 'Thoroughfare'], ['postName', 'PostName'],
  ['adminUnitFirstLine', 'AdminunitFirstline'], ['adminUnitSecondLine', 'AdminunitSecondline'],
  ['postCode', 'PostCode'], ['fullCvaddress', 'FullCvaddress'],
];

/**
 * CurrentAddress travels as base64 of an XML fragment of eidas-natural elements (the prefix is
 * not declared inside the fragment, exactly as the EC eIDAS-Node sends it).
 */
export function encodeCurrentAddress(address: CitizenAddress): string {
  const fragment = addressParts
    .filter(([field]) => address[field] !== undefined && address[field] !== '')
    .map(([field, element]) => `<eidas-natural:${element}>${xmlEscape(address[field]!)}</eidas-natural:${element}>\n`)
    .join('');
  return Buffer.from(fragment, 'utf8').toString('base64');
}

function valuesOf(citizen: DemoCitizen, name: CitizenAttributeName, personIdentifier: string): AttributeValue[] {
  const native = citizen.nativeScript;
  switch (name) {
    case 'personIdentifier': return [{ value: personIdentifier }];
    case 'familyName': return [{ value: citizen.familyName }, ...(native ? [{ value: native.familyName, latin: false }] : [])];
    case 'givenName': return [{ value: citizen.givenName }, ...(native ? [{ value: native.givenName, latin: false }] : [])];
    case 'dateOfBirth': return [{ value: citizen.dateOfBirth }];
    case 'birthName': return citizen.birthName ? [{ value: citizen.birthName }] : [];
    case 'placeOfBirth': return [{ value: citizen.placeOfBirth }];
    case 'currentAddress': return [{ value: encodeCurrentAddress(citizen.address) }];
    case 'gender': return [{ value: citizen.gender }];
    case 'phoneNumber': return citizen.phone ? [{ value: citizen.phone }] : [];
    case 'nationality': return citizen.nationality.map((value) => ({ value }));
    case 'countryOfBirth': return [{ value: citizen.countryOfBirth }];
    case 'townOfBirth': return [{ value: citizen.townOfBirth }];
    case 'countryOfResidence': return [{ value: citizen.countryOfResidence }];
    case 'emailAddress': return citizen.email ? [{ value: citizen.email }] : [];
  }
}

function attributeXml(definition: { friendlyName: string; eidasUri: string }, values: readonly AttributeValue[], name = definition.eidasUri, friendlyName = definition.friendlyName): string {
  const legal = definition.eidasUri.startsWith(legalNs);
  const prefix = legal ? 'eidas-legal' : 'eidas-natural';
  const type = `${prefix}:${definition.eidasUri.slice((legal ? legalNs : naturalNs).length + 1)}Type`;
  const valueXml = values.map((v) => `<saml2:AttributeValue xmlns:${prefix}="${legal ? legalNs : naturalNs}" xmlns:xsi="${xsiNs}"`
    + (v.latin === false ? ` ${prefix}:LatinScript="false"` : '')
    + ` xsi:type="${type}">${xmlEscape(v.value)}</saml2:AttributeValue>`).join('');
  return `<saml2:Attribute FriendlyName="${friendlyName}" Name="${name}" NameFormat="${uriFormat}">${valueXml}</saml2:Attribute>`;
}

/**
 * The AttributeStatement content: the minimum data set always, optional attributes the citizen
 * has when they were requested (or all of them when the request lists none).
 */
export function attributeStatementContent(citizen: DemoCitizen, personIdentifier: string, requested: readonly RequestedAttribute[]): string {
  const requestedUris = new Set(requested.map((r) => r.name));
  return attributeTable
    .filter((definition) => definition.mandatory || requestedUris.size === 0 || requestedUris.has(definition.eidasUri))
    .map((definition) => ({ definition, values: valuesOf(citizen, definition.name, personIdentifier) }))
    .filter(({ values }) => values.length > 0)
    .map(({ definition, values }) => attributeXml(definition, values))
    .join('');
}

function companyValues(company: DemoCompany, definition: LegalAttributeDefinition, legalPersonIdentifier: string): AttributeValue[] {
  switch (definition.name) {
    case 'legalPersonIdentifier': return [{ value: legalPersonIdentifier }];
    case 'legalName': return [{ value: company.legalName }, ...(company.nativeLegalName ? [{ value: company.nativeLegalName, latin: false }] : [])];
    case 'legalAddress': return [{ value: encodeCurrentAddress(company.address) }];
    default: {
      const value = company[definition.name];
      return value ? [{ value }] : [];
    }
  }
}

/**
 * A login on behalf of a company (eIDAS 1.2 representation): the legal-person minimum data set and
 * what was requested of the company, then the representative's natural-person minimum data set under
 * the representative names (never requested, always sent).
 */
export function legalAttributeStatementContent(company: DemoCompany, receivingCountry: string, requested: readonly RequestedAttribute[]): string {
  const requestedUris = new Set(requested.map((r) => r.name));
  const organisation = legalPersonAttributeTable
    .filter((definition) => definition.mandatory || requestedUris.has(definition.eidasUri))
    .map((definition) => ({ definition, values: companyValues(company, definition, legalPersonIdentifierOf(company, receivingCountry)) }))
    .filter(({ values }) => values.length > 0)
    .map(({ definition, values }) => attributeXml(definition, values));
  const representative = representativeOf(company);
  const person = attributeTable
    .filter((definition) => definition.mandatory)
    .map((definition) => attributeXml(definition, valuesOf(representative, definition.name, personIdentifierOf(representative, receivingCountry)),
      naturalRepresentativeUri(definition.name), 'Representative' + definition.friendlyName));
  return [...organisation, ...person].join('');
}

/** Whether an AuthnRequest asks for a legal person (eIDAS requests one kind only). */
export function asksForLegalPerson(requested: readonly RequestedAttribute[]): boolean {
  return requested.some((r) => r.name.startsWith(legalNs + '/'));
}
