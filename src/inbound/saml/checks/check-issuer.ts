import { PasserelleError } from '../../../core/errors.js';
import { nameIdFormats, ns } from '../saml-constants.js';
import { attribute, requiredText, singleChild } from '../xml-dom.js';
import { established, type AcsCheck } from './acs-state.js';

/**
 * Issuer of a Response or Assertion is present, names exactly the entityID of the IdP the
 * request went to, and (if a Format is given) is an entity name. node-saml 5.1 does not
 * compare the Issuer of login responses at all (S-45).
 */
export function assertIssuer(parent: Element, expectedEntityId: string): void {
  const issuer = singleChild(parent, ns.assertion, 'Issuer', 'saml_issuer_mismatch');
  const format = attribute(issuer, 'Format');
  if (format !== undefined && format !== nameIdFormats.entity) {
    throw new PasserelleError('saml_issuer_mismatch', `${parent.localName} Issuer Format is not entity`);
  }
  if (requiredText(issuer, 'Issuer') !== expectedEntityId) {
    throw new PasserelleError('saml_issuer_mismatch', `${parent.localName} Issuer is not the IdP of the requested country`);
  }
}

export const checkResponseIssuer: AcsCheck = {
  name: 'Response Issuer',
  run(state) {
    assertIssuer(state.response, established(state.idp, 'IdP metadata').entityId);
  },
};

export const checkAssertionIssuer: AcsCheck = {
  name: 'Assertion Issuer',
  run(state) {
    assertIssuer(established(state.assertion, 'assertion'), established(state.idp, 'IdP metadata').entityId);
  },
};
