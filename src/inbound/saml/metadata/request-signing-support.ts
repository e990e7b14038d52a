import { PasserelleError } from '../../../core/errors.js';
import { ns } from '../saml-constants.js';
import { attribute, childElements } from '../xml-dom.js';

/** What an IdP's metadata says about the AuthnRequests it accepts. */
export interface RequestSigningSupport {
  /** `WantAuthnRequestsSigned` as published; undefined when the attribute is absent. */
  readonly wantAuthnRequestsSigned?: boolean;
  /** alg:SigningMethod URIs (SAML metadata algorithm-support profile), in the IdP's order; empty when it does not say. */
  readonly signingMethods: readonly string[];
  /** alg:DigestMethod URIs, in the IdP's order; empty when it does not say. */
  readonly digestMethods: readonly string[];
}

function booleanAttribute(el: Element, name: string): boolean | undefined {
  const value = attribute(el, name);
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new PasserelleError('metadata_invalid', `${el.localName}@${name} is not an xs:boolean`);
}

/**
 * The algorithm-support extension may sit in the EntityDescriptor's Extensions or in the
 * role's; both count, the role's first (it is the more specific statement).
 */
function algorithmList(entity: Element, idp: Element, localName: 'SigningMethod' | 'DigestMethod'): string[] {
  const found: string[] = [];
  for (const holder of [idp, entity]) {
    for (const extensions of childElements(holder, ns.metadata, 'Extensions')) {
      for (const method of childElements(extensions, ns.algsupport, localName)) {
        const uri = attribute(method, 'Algorithm');
        if (uri && !found.includes(uri)) found.push(uri);
      }
    }
  }
  return found;
}

export function readRequestSigningSupport(entity: Element, idp: Element): RequestSigningSupport {
  const want = booleanAttribute(idp, 'WantAuthnRequestsSigned');
  return Object.freeze({
    ...(want !== undefined ? { wantAuthnRequestsSigned: want } : {}),
    signingMethods: Object.freeze(algorithmList(entity, idp, 'SigningMethod')),
    digestMethods: Object.freeze(algorithmList(entity, idp, 'DigestMethod')),
  });
}
