import { namespaces } from './algorithms.js';

/** Small DOM helpers over @xmldom/xmldom that never guess: namespace and local name must both match. */

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function childElements(parent: Node, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== ELEMENT_NODE) continue;
    const element = child as Element;
    if (ns !== undefined && element.namespaceURI !== ns) continue;
    if (localName !== undefined && element.localName !== localName) continue;
    out.push(element);
  }
  return out;
}

export function isElement(node: Node | null | undefined, ns: string, localName: string): node is Element {
  return !!node && node.nodeType === ELEMENT_NODE && (node as Element).namespaceURI === ns && (node as Element).localName === localName;
}

/** Exactly one child with that name, or `onFailure` (which throws) is called with a description. */
export function onlyChild(parent: Node, ns: string, localName: string, onFailure: (detail: string) => never): Element {
  const found = childElements(parent, ns, localName);
  if (found.length !== 1) onFailure(`expected exactly one ${localName}, found ${found.length}`);
  return found[0]!;
}

export function optionalChild(parent: Node, ns: string, localName: string, onFailure: (detail: string) => never): Element | undefined {
  const found = childElements(parent, ns, localName);
  if (found.length > 1) onFailure(`expected at most one ${localName}, found ${found.length}`);
  return found[0];
}

/**
 * The text of a value element (DigestValue, SignatureValue, CipherValue…). Anything but text inside is
 * refused: a comment there was how CVE-2025-29775 smuggled a second digest past xml-crypto.
 */
export function strictText(element: Element, onFailure: (detail: string) => never): string {
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== TEXT_NODE) onFailure(`${element.localName} must contain text only`);
    text += (child as Text).data;
  }
  return text;
}

/** Base64 with any whitespace (including the &#13; that Java signers emit) but nothing else. */
export function strictBase64(text: string, onFailure: (detail: string) => never, what: string): Buffer {
  const compact = text.replace(/[\s]+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    onFailure(`${what} is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}

/** The XML ID of an element as SAML and metadata use it (`ID`, or `Id` in xmldsig/xmlenc). */
export function elementId(element: Element): string | undefined {
  const id = element.getAttribute('ID') || element.getAttribute('Id');
  return id ? id : undefined;
}

/**
 * The attribute spellings signature libraries resolve a `#id` reference against. The ACS
 * refuses any duplicate among them (check-unique-ids.ts), so both must read the same list.
 */
export const idAttributeNames: readonly string[] = ['ID', 'Id', 'id', 'AssertionID'];

/** Every element in the document carrying `id` as its ID, Id or AssertionID (duplicates are an XSW sign). */
export function elementsWithId(document: Document, id: string): Element[] {
  const found: Element[] = [];
  const stack: Node[] = [document];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeType === ELEMENT_NODE) {
      const element = node as Element;
      for (const name of idAttributeNames) {
        if (element.getAttribute(name) === id) { found.push(element); break; }
      }
    }
    for (let child = node.firstChild; child; child = child.nextSibling) stack.push(child);
  }
  return found;
}

/** Namespace declarations in scope at `element` from its ancestors (nearest wins), for InclusiveNamespaces. */
export function ancestorNamespaces(element: Element): Array<{ prefix: string; namespaceURI: string }> {
  const seen = new Map<string, string>();
  for (let node = element.parentNode; node && node.nodeType === ELEMENT_NODE; node = node.parentNode) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes.item(i)!;
      if (attribute.namespaceURI === namespaces.xmlns && attribute.prefix === 'xmlns' && !seen.has(attribute.localName)) {
        seen.set(attribute.localName, attribute.value);
      }
    }
  }
  return [...seen].map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

export function requiredAttribute(element: Element, name: string, onFailure: (detail: string) => never): string {
  const value = element.getAttribute(name);
  if (!value) onFailure(`${element.localName} has no ${name}`);
  return value;
}
