import { DS, SAML, SAMLP, child, mutate, personIdentifierValue, setText } from './xml-mutate.js';

/**
 * The signature-wrapping and tampering shapes of security.md S-01…S-21 as pure edits of a Response
 * whose Assertion (and usually the Response) is signed, so the same bytes can be judged by our
 * connector and by a reference implementation. Each edit that changes identity sets the
 * PersonIdentifier to a victim's of the same country, so a bypass would show up as a login.
 */
export type XmlEdit = (xml: string) => string;

export const victimOf = (country: string) => `${country}/DE/VICTIM0001`;

function toVictim(assertion: Element, country: string): void {
  setText(personIdentifierValue(assertion), victimOf(country));
}

/** Removes the Response's own Signature (the Assertion keeps its one). */
export const stripResponseSignature: XmlEdit = (xml) => mutate(xml, (_doc, response) => {
  response.removeChild(child(response, DS, 'Signature'));
});

/** Flips the last bit of a SignatureValue. */
export function flipSignatureValue(signature: Element): void {
  const value = child(signature, DS, 'SignatureValue');
  const bytes = Buffer.from(value.textContent ?? '', 'base64');
  bytes[bytes.length - 1]! ^= 1;
  setText(value, bytes.toString('base64'));
}

/** XSW1: signed Response clone inside the original Signature, outer Response edited with a new ID. */
export const xsw1 = (country: string): XmlEdit => (xml) => mutate(xml, (_doc, response) => {
  const clone = response.cloneNode(true) as Element;
  clone.removeChild(child(clone, DS, 'Signature'));
  response.setAttribute('ID', '_evil_response_ID');
  toVictim(child(response, SAML, 'Assertion'), country);
  child(response, DS, 'Signature').appendChild(clone);
});

/** XSW2: signed Response clone as preceding sibling of the Signature, outer Response edited. */
export const xsw2 = (country: string): XmlEdit => (xml) => mutate(xml, (_doc, response) => {
  const clone = response.cloneNode(true) as Element;
  clone.removeChild(child(clone, DS, 'Signature'));
  response.setAttribute('ID', '_evil_response_ID');
  toVictim(child(response, SAML, 'Assertion'), country);
  response.insertBefore(clone, child(response, DS, 'Signature'));
});

/** XSW10: Assertion signature moved into the Response with a ds:Object clone, Assertion edited with ID+ffff. */
export const xsw10 = (country: string): XmlEdit => (xml) => mutate(xml, (doc, response) => {
  response.removeChild(child(response, DS, 'Signature'));
  const assertion = child(response, SAML, 'Assertion');
  const signature = child(assertion, DS, 'Signature');
  const object = doc.createElementNS(DS, 'ds:Object');
  object.appendChild(assertion.cloneNode(true));
  const moved = signature.cloneNode(true) as Element;
  moved.appendChild(object);
  response.insertBefore(moved, child(response, SAML, 'Issuer').nextSibling);
  assertion.removeChild(signature);
  assertion.setAttribute('ID', assertion.getAttribute('ID') + 'ffff');
  toVictim(assertion, country);
});

/** XSW3: unsigned evil Assertion with a new ID inserted before the signed one. */
export const xsw3 = (country: string): XmlEdit => (xml) => mutate(xml, (_doc, response) => {
  const original = child(response, SAML, 'Assertion');
  const evil = original.cloneNode(true) as Element;
  evil.removeChild(child(evil, DS, 'Signature'));
  evil.setAttribute('ID', '_evil_assertion_ID');
  toVictim(evil, country);
  response.insertBefore(evil, original);
});

/** XSW4: evil Assertion appended to the Response, holding the signed original as its last child. */
export const xsw4 = (country: string): XmlEdit => (xml) => mutate(xml, (_doc, response) => {
  const original = child(response, SAML, 'Assertion');
  const evil = original.cloneNode(true) as Element;
  evil.removeChild(child(evil, DS, 'Signature'));
  evil.setAttribute('ID', '_evil_assertion_ID');
  toVictim(evil, country);
  response.removeChild(original);
  evil.appendChild(original);
  response.appendChild(evil);
});

/** XSW5: original Assertion edited in place with a new ID, unedited unsigned clone appended. */
export const xsw5 = (country: string): XmlEdit => (xml) => mutate(xml, (_doc, response) => {
  const original = child(response, SAML, 'Assertion');
  const clone = original.cloneNode(true) as Element;
  clone.removeChild(child(clone, DS, 'Signature'));
  original.setAttribute('ID', '_evil_assertion_ID');
  toVictim(original, country);
  response.appendChild(clone);
});

/** XSW6: as XSW5 with the clone inside the edited Assertion's own Signature. */
export const xsw6 = (country: string): XmlEdit => (xml) => mutate(xml, (_doc, response) => {
  const original = child(response, SAML, 'Assertion');
  const clone = original.cloneNode(true) as Element;
  clone.removeChild(child(clone, DS, 'Signature'));
  original.setAttribute('ID', '_evil_assertion_ID');
  toVictim(original, country);
  child(original, DS, 'Signature').appendChild(clone);
});

/** XSW7: Extensions before the Assertion holding an edited clone with the same ID. */
export const xsw7 = (country: string): XmlEdit => (xml) => mutate(xml, (doc, response) => {
  const original = child(response, SAML, 'Assertion');
  const clone = original.cloneNode(true) as Element;
  clone.removeChild(child(clone, DS, 'Signature'));
  toVictim(clone, country);
  const extensions = doc.createElementNS(SAMLP, 'saml2p:Extensions');
  extensions.appendChild(clone);
  response.insertBefore(extensions, original);
});

/** XSW8: original edited in place, unedited clone (same ID) inside Signature/Object. */
export const xsw8 = (country: string): XmlEdit => (xml) => mutate(xml, (doc, response) => {
  const original = child(response, SAML, 'Assertion');
  const clone = original.cloneNode(true) as Element;
  clone.removeChild(child(clone, DS, 'Signature'));
  toVictim(original, country);
  const object = doc.createElementNS(DS, 'ds:Object');
  object.appendChild(clone);
  child(original, DS, 'Signature').appendChild(object);
});

/** hidden assertion: signed Assertion moved into Extensions, a forged one with the same ID in its place. */
export const hiddenAssertion = (country: string): XmlEdit => (xml) => mutate(xml, (doc, response) => {
  const original = child(response, SAML, 'Assertion');
  const forged = original.cloneNode(true) as Element;
  toVictim(forged, country);
  const extensions = doc.createElementNS(SAMLP, 'saml2p:Extensions');
  response.replaceChild(forged, original);
  extensions.appendChild(original);
  response.insertBefore(extensions, forged);
});

/** Edits that need the Response signature (they move or clone it): XSW1, XSW2, XSW10. */
export function responseLevelAttacks(country: string): Array<[name: string, edit: XmlEdit]> {
  return [
    ['XSW1: signed Response clone inside the original Signature, outer Response edited with a new ID', xsw1(country)],
    ['XSW2: signed Response clone as preceding sibling of the Signature, outer Response edited', xsw2(country)],
    ['XSW10: Assertion signature moved into the Response with a ds:Object clone, Assertion edited with ID+ffff', xsw10(country)],
  ];
}

/** Several root elements: the signed Response followed by a forged copy (S-33, CVE-2022-39300). */
export const severalRoots = (country: string): XmlEdit => (xml) => xml + xml.replace(`${country}/DE/ABC123456`, victimOf(country));

/**
 * Edits inside the Response that leave (or try to leave) the Assertion signature valid. The
 * Response signature, if present, no longer verifies; callers also try them with it stripped.
 */
export function assertionLevelAttacks(country: string): Array<[name: string, edit: XmlEdit]> {
  const assertionSignature = (response: Element) => child(child(response, SAML, 'Assertion'), DS, 'Signature');
  const referenceOf = (response: Element) => child(child(assertionSignature(response), DS, 'SignedInfo'), DS, 'Reference');
  return [
    ['XSW3: unsigned evil Assertion with a new ID inserted before the signed one', xsw3(country)],
    ['XSW4: evil Assertion appended to the Response, holding the signed original as its last child', xsw4(country)],
    ['XSW5: original Assertion edited in place with a new ID, unedited unsigned clone appended', xsw5(country)],
    ['XSW6: as XSW5 with the clone inside the edited Assertion\'s own Signature', xsw6(country)],
    ['XSW7: Extensions before the Assertion holding an edited clone with the same ID', xsw7(country)],
    ['XSW8: original edited in place, unedited clone (same ID) inside Signature/Object', xsw8(country)],
    ['hidden assertion: signed Assertion moved into Extensions, a forged one with the same ID in its place', hiddenAssertion(country)],
    ['duplicate IDs: another element elsewhere carries the Assertion\'s ID', (xml) => mutate(xml, (doc, response) => {
      const extensions = doc.createElementNS(SAMLP, 'saml2p:Extensions');
      const twin = doc.createElementNS('urn:example:any', 'x:Anything');
      twin.setAttribute('ID', child(response, SAML, 'Assertion').getAttribute('ID')!);
      extensions.appendChild(twin);
      response.insertBefore(extensions, child(response, SAMLP, 'Status'));
    })],
    ['edited content: one character of the signed PersonIdentifier changed', (xml) => mutate(xml, (_doc, response) => {
      setText(personIdentifierValue(child(response, SAML, 'Assertion')), `${country}/DE/ABC123457`);
    })],
    ['bit-flipped SignatureValue of the Assertion', (xml) => mutate(xml, (_doc, response) => flipSignatureValue(assertionSignature(response)))],
    ['Assertion signature replaced by the Response signature (Reference to the Response, S-13)', (xml) => mutate(xml, (_doc, response) => {
      const assertion = child(response, SAML, 'Assertion');
      assertion.replaceChild(child(response, DS, 'Signature').cloneNode(true), child(assertion, DS, 'Signature'));
    })],
    ['Reference URI="" in the Assertion signature (S-14)', (xml) => mutate(xml, (_doc, response) => referenceOf(response).setAttribute('URI', ''))],
    ['a second Reference in the Assertion SignedInfo (S-14)', (xml) => mutate(xml, (_doc, response) => {
      const reference = referenceOf(response);
      reference.parentNode!.appendChild(reference.cloneNode(true));
    })],
    ['a second SignedInfo in the Assertion signature, content edited (S-15, CVE-2025-29774)', (xml) => mutate(xml, (_doc, response) => {
      const signature = assertionSignature(response);
      const signedInfo = child(signature, DS, 'SignedInfo');
      toVictim(child(response, SAML, 'Assertion'), country);
      signature.insertBefore(signedInfo.cloneNode(true), signedInfo);
    })],
  ];
}
