import { ExclusiveCanonicalization } from 'xml-crypto';
import { namespaces } from './algorithms.js';
import { ancestorNamespaces } from './dom.js';

/**
 * Exclusive XML canonicalization (without comments) of `element`, optionally leaving out one of its
 * direct children (the enveloped-signature transform). Works on a clone, so the caller's DOM is never
 * changed, and renders the InclusiveNamespaces prefixes that are in scope from ancestors.
 */
export function canonicalizeExclusive(element: Element, options: { omitChild?: Element; inclusivePrefixes?: readonly string[] } = {}): string {
  const clone = element.cloneNode(true) as Element;
  if (options.omitChild) {
    const index = Array.prototype.indexOf.call(element.childNodes, options.omitChild);
    if (index < 0) throw new Error('omitChild is not a child of element');
    clone.removeChild(clone.childNodes[index]!);
  }
  const prefixes = (options.inclusivePrefixes ?? []).filter((p) => p !== '' && p !== '#default');
  if (prefixes.length > 0) {
    const inScope = ancestorNamespaces(element);
    for (const prefix of prefixes) {
      const declared = inScope.find((ns) => ns.prefix === prefix);
      if (declared && !clone.hasAttributeNS(namespaces.xmlns, prefix)) {
        clone.setAttributeNS(namespaces.xmlns, `xmlns:${prefix}`, declared.namespaceURI);
      }
    }
  }
  // processInner, not process: process() would look for a CanonicalizationMethod child on its own.
  return new ExclusiveCanonicalization().processInner(clone, [], '', {}, prefixes);
}

/** The InclusiveNamespaces PrefixList of a CanonicalizationMethod or Transform, if any. */
export function inclusivePrefixList(method: Element): string[] {
  for (let child = method.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 1) continue;
    const element = child as Element;
    if (element.namespaceURI === namespaces.excC14n && element.localName === 'InclusiveNamespaces') {
      return (element.getAttribute('PrefixList') ?? '').split(/\s+/).filter((p) => p.length > 0);
    }
  }
  return [];
}
