import { DOMParser } from '@xmldom/xmldom';

const samlp = 'urn:oasis:names:tc:SAML:2.0:protocol';
const saml = 'urn:oasis:names:tc:SAML:2.0:assertion';

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

export interface ResponseFacts {
  issuer: string;
  destination: string;
  inResponseTo: string;
  statusCodes: string[];
  statusMessage?: string;
  plainAssertions: number;
  encryptedAssertions: number;
  encryptionMethods: string[];
}

export function responseFacts(xml: string): ResponseFacts {
  const root = parse(xml).documentElement!;
  const children = Array.from(root.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1);
  return {
    issuer: children.find((c) => c.localName === 'Issuer')?.textContent ?? '',
    destination: root.getAttribute('Destination') ?? '',
    inResponseTo: root.getAttribute('InResponseTo') ?? '',
    statusCodes: Array.from(root.getElementsByTagNameNS(samlp, 'StatusCode') as unknown as ArrayLike<Element>).map((e) => e.getAttribute('Value') ?? ''),
    statusMessage: root.getElementsByTagNameNS(samlp, 'StatusMessage')[0]?.textContent ?? undefined,
    plainAssertions: children.filter((c) => c.localName === 'Assertion').length,
    encryptedAssertions: children.filter((c) => c.localName === 'EncryptedAssertion').length,
    encryptionMethods: Array.from(root.getElementsByTagNameNS('http://www.w3.org/2001/04/xmlenc#', 'EncryptionMethod') as unknown as ArrayLike<Element>).map((e) => e.getAttribute('Algorithm') ?? ''),
  };
}

export interface AssertionFacts {
  issuer: string;
  nameId: string;
  audience: string;
  recipient: string;
  subjectInResponseTo: string;
  method: string;
  subjectNotOnOrAfter: string;
  notBefore: string;
  notOnOrAfter: string;
  loa: string;
  /** Attribute Name → values. */
  attributes: Map<string, string[]>;
  nameFormats: Set<string>;
}

function first(doc: Document, name: string): Element {
  const found = doc.getElementsByTagNameNS(saml, name)[0];
  if (!found) throw new Error(`assertion has no ${name}`);
  return found;
}

export function assertionFacts(xml: string): AssertionFacts {
  const doc = parse(xml);
  const confirmation = first(doc, 'SubjectConfirmation');
  const data = first(doc, 'SubjectConfirmationData');
  const conditions = first(doc, 'Conditions');
  const attributes = new Map<string, string[]>();
  const nameFormats = new Set<string>();
  for (const attribute of Array.from(doc.getElementsByTagNameNS(saml, 'Attribute') as unknown as ArrayLike<Element>)) {
    nameFormats.add(attribute.getAttribute('NameFormat') ?? '');
    attributes.set(attribute.getAttribute('Name') ?? '', Array.from(attribute.getElementsByTagNameNS(saml, 'AttributeValue') as unknown as ArrayLike<Element>).map((v) => v.textContent ?? ''));
  }
  return {
    issuer: first(doc, 'Issuer').textContent ?? '',
    nameId: first(doc, 'NameID').textContent ?? '',
    audience: first(doc, 'Audience').textContent ?? '',
    recipient: data.getAttribute('Recipient') ?? '',
    subjectInResponseTo: data.getAttribute('InResponseTo') ?? '',
    method: confirmation.getAttribute('Method') ?? '',
    subjectNotOnOrAfter: data.getAttribute('NotOnOrAfter') ?? '',
    notBefore: conditions.getAttribute('NotBefore') ?? '',
    notOnOrAfter: conditions.getAttribute('NotOnOrAfter') ?? '',
    loa: first(doc, 'AuthnContextClassRef').textContent ?? '',
    attributes,
    nameFormats,
  };
}

export const natural = (name: string): string => `http://eidas.europa.eu/attributes/naturalperson/${name}`;
