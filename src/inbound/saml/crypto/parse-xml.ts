import { DOMParser } from '@xmldom/xmldom';
import { PasserelleError } from '../../../core/errors.js';

export interface SecureParseOptions {
  /** Deepest element nesting accepted (SAML responses need about 12). */
  maxDepth?: number;
  /** Longest input accepted, in UTF-16 code units; the HTTP layer should have a tighter byte limit. */
  maxLength?: number;
}

const defaultMaxDepth = 64;
const defaultMaxLength = 8 * 1024 * 1024;

function malformed(detail: string): never {
  throw new PasserelleError('saml_response_malformed', `XML refused: ${detail}`);
}

/**
 * Parses XML that came from outside. SAML never needs a DTD, so any DOCTYPE or ENTITY declaration is refused
 * before the parser sees it (XXE, billion laughs); processing instructions and several roots are refused; every
 * parser warning is an error. Over-deep nesting is refused after parsing, so later recursive code stays safe.
 */
export function parseXmlSecurely(xml: string, options: SecureParseOptions = {}): Document {
  if (typeof xml !== 'string' || xml.length === 0) malformed('empty input');
  if (xml.length > (options.maxLength ?? defaultMaxLength)) malformed('input too large');
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) malformed('DOCTYPE and entity declarations are not allowed');
  const body = xml.replace(/^\uFEFF?<\?xml\s[^?]*\?>/, '');
  if (body.includes('<?')) malformed('processing instructions are not allowed');

  // Parser messages can quote input; keep them short (they only reach our logs, never the citizen).
  const fail = (message: string): never => malformed(`parser: ${String(message).split('\n')[0]!.slice(0, 120)}`);
  let document: Document;
  try {
    document = new DOMParser({ errorHandler: { warning: fail, error: fail, fatalError: fail } })
      .parseFromString(xml, 'application/xml');
  } catch (error) {
    if (error instanceof PasserelleError) throw error;
    return malformed('parser failed');
  }
  checkTopLevel(document);
  checkTree(document, options.maxDepth ?? defaultMaxDepth);
  return document;
}

function checkTopLevel(document: Document): void {
  let roots = 0;
  for (let node = document.firstChild; node; node = node.nextSibling) {
    // xmldom keeps the XML declaration as a PI named "xml"; the string check above allowed only it, first.
    const isDeclaration = node.nodeType === 7 && node === document.firstChild && node.nodeName === 'xml';
    if (node.nodeType === 1) roots++;
    else if ((node.nodeType === 7 && !isDeclaration) || node.nodeType === 10) malformed('processing instruction or document type at top level');
    else if (node.nodeType === 3 && (node as Text).data.trim() !== '') malformed('text outside the root element');
  }
  if (roots !== 1 || !document.documentElement) malformed(`expected one root element, found ${roots}`);
}

/** Depth limit, no PI or entity nodes, and no unbound prefix (xmldom 0.8 accepts those silently). */
function checkTree(document: Document, maxDepth: number): void {
  const stack: Array<[Element, number]> = [[document.documentElement, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > maxDepth) malformed('elements nested too deeply');
    if (node.prefix && !node.namespaceURI) malformed('element with an undeclared namespace prefix');
    for (let i = 0; i < node.attributes.length; i++) {
      const attribute = node.attributes.item(i)!;
      if (attribute.prefix && attribute.prefix !== 'xmlns' && !attribute.namespaceURI) malformed('attribute with an undeclared namespace prefix');
    }
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push([child as Element, depth + 1]);
      else if (child.nodeType === 7 || child.nodeType === 5 || child.nodeType === 6) malformed('processing instruction or entity in content');
    }
  }
}
