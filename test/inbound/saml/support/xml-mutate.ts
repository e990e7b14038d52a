import { DOMParser, XMLSerializer } from '@xmldom/xmldom';

/** DOM editing for attack shapes: parse a signed message, edit, serialize, without re-signing. */
export const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const DS = 'http://www.w3.org/2000/09/xmldsig#';

export function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'application/xml');
}

export function serialize(node: Node): string {
  return new XMLSerializer().serializeToString(node);
}

export function child(parent: Element, ns: string, name: string, index = 0): Element {
  const found: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === name) found.push(n as Element);
  }
  if (!found[index]) throw new Error(`no ${name} #${index} in ${parent.localName}`);
  return found[index]!;
}

/** Edits a DOM copy of `xml` and returns the serialized result. */
export function mutate(xml: string, edit: (doc: Document, root: Element) => void): string {
  const doc = parse(xml);
  edit(doc, doc.documentElement!);
  return serialize(doc);
}

/** The AttributeValue of PersonIdentifier inside `assertion`. */
export function personIdentifierValue(assertion: Element): Element {
  const values = assertion.getElementsByTagNameNS(SAML, 'Attribute');
  for (let i = 0; i < values.length; i++) {
    const a = values[i]!;
    if (a.getAttribute('Name')?.endsWith('/PersonIdentifier')) return child(a, SAML, 'AttributeValue');
  }
  throw new Error('no PersonIdentifier');
}

export function setText(el: Element, text: string): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  el.appendChild(el.ownerDocument!.createTextNode(text));
}

export function toVictim(assertion: Element): void {
  setText(personIdentifierValue(assertion), 'IT/DE/VICTIM0001');
}
