import { PasserelleError, type ErrorCode } from '../../core/errors.js';

/**
 * Small, strict DOM readers for SAML messages parsed by xmldom. Every reader looks at direct
 * children only (never a document-wide search), so an element hidden elsewhere in the tree
 * (signature wrapping) is never read by mistake.
 */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export function childElements(parent: Element | Document, namespace: string, localName: string): Element[] {
  const out: Element[] = [];
  const nodes = parent.childNodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    if (node.nodeType === ELEMENT_NODE) {
      const el = node as Element;
      if (el.namespaceURI === namespace && el.localName === localName) out.push(el);
    }
  }
  return out;
}

export function allChildElements(parent: Element | Document): Element[] {
  const out: Element[] = [];
  const nodes = parent.childNodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    if (node.nodeType === ELEMENT_NODE) out.push(node as Element);
  }
  return out;
}

/** Exactly one direct child, or the given error. */
export function singleChild(parent: Element, namespace: string, localName: string, code: ErrorCode = 'saml_response_rejected'): Element {
  const found = childElements(parent, namespace, localName);
  if (found.length !== 1) throw new PasserelleError(code, `expected exactly one ${localName} in ${parent.localName}, found ${found.length}`);
  return found[0]!;
}

/** At most one direct child. */
export function optionalChild(parent: Element, namespace: string, localName: string, code: ErrorCode = 'saml_response_rejected'): Element | undefined {
  const found = childElements(parent, namespace, localName);
  if (found.length > 1) throw new PasserelleError(code, `more than one ${localName} in ${parent.localName}`);
  return found[0];
}

/**
 * The complete text of an element that must hold only text. Comments, CDATA sections,
 * processing instructions and child elements are refused: exclusive canonicalization drops
 * comments, so `victim<!---->.evil` signs like `victim.evil` while naive readers see
 * `victim` only (CVE-2017-11427 family, security.md S-17). Refusing them is our policy.
 */
export function textOnly(el: Element, what = el.localName): string {
  let text = '';
  const nodes = el.childNodes;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as Node;
    if (node.nodeType !== TEXT_NODE) {
      throw new PasserelleError('saml_response_rejected', `${what} holds markup, a comment or CDATA instead of plain text`);
    }
    text += (node as Text).data;
  }
  return text;
}

/** Trimmed text of an element that must hold only text and must not be empty. */
export function requiredText(el: Element, what = el.localName): string {
  const value = textOnly(el, what).trim();
  if (value === '') throw new PasserelleError('saml_response_rejected', `${what} is empty`);
  return value;
}

export function attribute(el: Element, name: string): string | undefined {
  return el.hasAttribute(name) ? el.getAttribute(name) ?? undefined : undefined;
}

export function requiredAttribute(el: Element, name: string, code: ErrorCode = 'saml_response_rejected'): string {
  const value = attribute(el, name);
  if (value === undefined || value === '') throw new PasserelleError(code, `${el.localName} has no ${name}`);
  return value;
}

/** Parses an xs:dateTime as SAML uses it (UTC, `Z` or offset required). */
export function dateTimeAttribute(el: Element, name: string): number | undefined {
  const value = attribute(el, name);
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    throw new PasserelleError('saml_response_rejected', `${el.localName}@${name} is not an xs:dateTime with a time zone`);
  }
  const millis = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
  if (!Number.isFinite(millis)) throw new PasserelleError('saml_response_rejected', `${el.localName}@${name} is not a valid date`);
  return millis;
}

/** Escapes text and attribute values for XML we write ourselves. */
export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function isoInstant(millis: number): string {
  return new Date(millis).toISOString();
}
