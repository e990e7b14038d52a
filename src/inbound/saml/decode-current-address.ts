import type { CitizenAddress } from '../../core/citizen.js';
import { PasserelleError } from '../../core/errors.js';
import { parseXmlSecurely } from './crypto/index.js';
import { ns } from './saml-constants.js';
import { allChildElements, textOnly } from './xml-dom.js';

/** eIDAS CurrentAddressType element names → neutral model fields. */
const parts: Record<string, keyof CitizenAddress> = {
  PoBox: 'poBox', LocatorDesignator: 'locatorDesignator', LocatorName: 'locatorName', CvaddressArea: 'cvaddressArea',
  Thoroughfare: 'thoroughfare', PostName: 'postName', AdminunitFirstline: 'adminUnitFirstLine',
  AdminunitSecondline: 'adminUnitSecondLine', PostCode: 'postCode', FullCvaddress: 'fullCvaddress',
};

const legalNamespace = 'http://eidas.europa.eu/attributes/legalperson';

/**
 * CurrentAddress (and an organisation's LegalPersonAddress, the same structure) travels as base64 of
 * an XML fragment (`<eidas-natural:PostCode>…` elements, `eidas-legal:` for some legal addresses,
 * usually without their namespace declaration). We wrap it in an element that declares the eIDAS
 * namespaces and parse it as strictly as a Response (no DTD, no entities, one root).
 */
export function decodeCurrentAddress(base64: string, attributeName = 'CurrentAddress'): CitizenAddress {
  const malformed = (detail: string): never => {
    throw new PasserelleError('citizen_attribute_malformed', `${attributeName} ${detail}`);
  };
  const compact = base64.replace(/\s+/g, '');
  if (compact === '' || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) malformed('is not base64');
  let fragment: string;
  try {
    fragment = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return malformed('is not UTF-8');
  }
  if (/<!|<\?/.test(fragment)) malformed('holds declarations or processing instructions');
  let document: Document;
  try {
    document = parseXmlSecurely(`<CurrentAddress xmlns:eidas-natural="${ns.eidasNatural}" xmlns:eidas="${ns.eidasNatural}" xmlns:eidas-legal="${legalNamespace}">${fragment}</CurrentAddress>`);
  } catch {
    return malformed('is not well-formed XML');
  }
  const address: CitizenAddress = {};
  for (const element of allChildElements(document.documentElement!)) {
    const field = parts[element.localName ?? ''];
    if (!field || (element.namespaceURI !== ns.eidasNatural && element.namespaceURI !== legalNamespace)) continue;
    if (address[field] !== undefined) malformed(`repeats ${element.localName}`);
    const value = textOnly(element).trim();
    if (value.length > 512) malformed('has an overlong part');
    if (value) address[field] = value;
  }
  if (Object.keys(address).length === 0) malformed('holds no address part');
  return address;
}
