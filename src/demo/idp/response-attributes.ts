import { attributeTable, type AttributeDefinition, type CitizenAttributeName } from '../../core/attributes.js';
import type { CitizenAddress } from '../../core/citizen.js';
import type { DemoCitizen } from '../citizens.js';
import type { RequestedAttribute } from './authn-request-read.js';
import { xmlEscape } from './xml-text.js';

const naturalNs = 'http://eidas.europa.eu/attributes/naturalperson';
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

function attributeXml(definition: AttributeDefinition, values: readonly AttributeValue[]): string {
  const type = `eidas-natural:${definition.eidasUri.slice(naturalNs.length + 1)}Type`;
  const valueXml = values.map((v) => `<saml2:AttributeValue xmlns:eidas-natural="${naturalNs}" xmlns:xsi="${xsiNs}"`
    + (v.latin === false ? ' eidas-natural:LatinScript="false"' : '')
    + ` xsi:type="${type}">${xmlEscape(v.value)}</saml2:AttributeValue>`).join('');
  return `<saml2:Attribute FriendlyName="${definition.friendlyName}" Name="${definition.eidasUri}" NameFormat="${uriFormat}">${valueXml}</saml2:Attribute>`;
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
