import { ExclusiveCanonicalization } from 'xml-crypto';
import { namespaces } from './algorithms.js';
import { ancestorNamespaces } from './dom.js';

/**
 * Exclusive XML canonicalization (without comments) of `element`, optionally leaving out one of its
 * direct children (the enveloped-signature transform), and rendering the InclusiveNamespaces prefixes
 * that are in scope from ancestors. The caller's DOM is left as it was found.
 */
export function canonicalizeExclusive(element: Element, options: { omitChild?: Element; inclusivePrefixes?: readonly string[] } = {}): string {
  const { omitChild } = options;
  if (omitChild && omitChild.parentNode !== element) throw new Error('omitChild is not a child of element');
  const prefixes = (options.inclusivePrefixes ?? []).filter((p) => p !== '' && p !== '#default');
  const added = ancestorDeclarationsToAdd(element, prefixes);
  if (added.length > 0) return canonicalizeClone(element, omitChild, added, prefixes);
  // No declaration to add: canonicalize the element itself, without a deep clone of it (a whole Response
  // with its encrypted assertion). The omitted child is detached meanwhile and put back where it was; the
  // call is synchronous, so nothing observes the DOM in between.
  if (!omitChild) return render(element, prefixes);
  const next = omitChild.nextSibling;
  element.removeChild(omitChild);
  try {
    return render(element, prefixes);
  } finally {
    element.insertBefore(omitChild, next);
  }
}

/** Namespace declarations of InclusiveNamespaces prefixes that come from ancestors, not from `element`. */
function ancestorDeclarationsToAdd(element: Element, prefixes: readonly string[]): { prefix: string; namespaceURI: string }[] {
  if (prefixes.length === 0) return [];
  const inScope = ancestorNamespaces(element);
  const added: { prefix: string; namespaceURI: string }[] = [];
  for (const prefix of prefixes) {
    const declared = inScope.find((ns) => ns.prefix === prefix);
    if (declared && !element.hasAttributeNS(namespaces.xmlns, prefix)) added.push({ prefix, namespaceURI: declared.namespaceURI });
  }
  return added;
}

/** The rare case (declarations to add on the apex element): work on a clone, so the caller's DOM is untouched. */
function canonicalizeClone(element: Element, omitChild: Element | undefined, added: readonly { prefix: string; namespaceURI: string }[], prefixes: readonly string[]): string {
  const clone = element.cloneNode(true) as Element;
  if (omitChild) clone.removeChild(clone.childNodes[Array.prototype.indexOf.call(element.childNodes, omitChild)]!);
  for (const { prefix, namespaceURI } of added) clone.setAttributeNS(namespaces.xmlns, `xmlns:${prefix}`, namespaceURI);
  return render(clone, prefixes);
}

function render(element: Element, prefixes: readonly string[]): string {
  // processInner, not process: process() would look for a CanonicalizationMethod child on its own.
  return new ExclusiveCanonicalization().processInner(element, [], '', {}, [...prefixes]);
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
