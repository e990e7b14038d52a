import { buildResponse } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness, type StartedLogin } from './support/harness.js';
import { DS, SAML, SAMLP, child, mutate, toVictim } from './support/xml-mutate.js';

/**
 * XML signature wrapping (security.md S-01…S-10), built the way SAML Raider builds them from a
 * valid Response whose Response and Assertion are both signed by the trusted IdP key. Each
 * variant edits PersonIdentifier to a victim's and must be refused with nothing stored.
 */
describe('SAML ACS refuses XML signature wrapping (S-01…S-10)', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });
  const rejected = { status: 403, code: 'saml_response_rejected' };
  const stripResponseSignature = (xml: string) => mutate(xml, (_doc, response) => {
    for (let n = response.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === 'Signature') { response.removeChild(n); break; }
  });

  /**
   * Assertion-level wrapping, twice: as crafted (the edit also breaks the Response signature, so
   * either refusal is right) and with the Response signature stripped (allowed by our policy,
   * S-19), where only the structural checks stand between the attacker and a login.
   */
  async function expectAssertionWrappingRejected(attack: (xml: string) => string): Promise<void> {
    const first = await signedPair();
    await expectRejected(h, attack(first.xml), first.login, { status: 403, code: ['saml_signature_invalid', 'saml_response_rejected'] });
    const second = await signedPair();
    await expectRejected(h, stripResponseSignature(attack(second.xml)), second.login, rejected);
  }

  async function signedPair(): Promise<{ login: StartedLogin; xml: string }> {
    const login = await h.login('IT');
    return { login, xml: buildResponse(h.idps.IT, login.fields) };
  }

  it('S-01 XSW1: signed Response clone inside the original Signature, original edited with a new ID', async () => {
    const { login, xml } = await signedPair();
    const attack = mutate(xml, (doc, response) => {
      const clone = response.cloneNode(true) as Element;
      clone.removeChild(child(clone, DS, 'Signature'));
      response.setAttribute('ID', '_evil_response_ID');
      toVictim(child(response, SAML, 'Assertion'));
      child(response, DS, 'Signature').appendChild(clone);
    });
    await expectRejected(h, attack, login, rejected);
  });

  it('S-02 XSW2: signed Response clone as preceding sibling of the Signature', async () => {
    const { login, xml } = await signedPair();
    const attack = mutate(xml, (doc, response) => {
      const clone = response.cloneNode(true) as Element;
      clone.removeChild(child(clone, DS, 'Signature'));
      response.setAttribute('ID', '_evil_response_ID');
      toVictim(child(response, SAML, 'Assertion'));
      response.insertBefore(clone, child(response, DS, 'Signature'));
    });
    await expectRejected(h, attack, login, rejected);
  });

  it('S-03 XSW3: unsigned evil Assertion with a new ID inserted before the signed one', async () => {
    await expectAssertionWrappingRejected((xml) => mutate(xml, (_doc, response) => {
      const original = child(response, SAML, 'Assertion');
      const evil = original.cloneNode(true) as Element;
      evil.removeChild(child(evil, DS, 'Signature'));
      evil.setAttribute('ID', '_evil_assertion_ID');
      toVictim(evil);
      response.insertBefore(evil, original);
    }));
  });

  it('S-04 XSW4: evil Assertion appended to the Response, holding the signed original as its last child', async () => {
    await expectAssertionWrappingRejected((xml) => mutate(xml, (_doc, response) => {
      const original = child(response, SAML, 'Assertion');
      const evil = original.cloneNode(true) as Element;
      evil.removeChild(child(evil, DS, 'Signature'));
      evil.setAttribute('ID', '_evil_assertion_ID');
      toVictim(evil);
      response.removeChild(original);
      evil.appendChild(original);
      response.appendChild(evil);
    }));
  });

  it('S-05 XSW5: original Assertion edited in place with a new ID, unedited unsigned clone appended', async () => {
    await expectAssertionWrappingRejected((xml) => mutate(xml, (_doc, response) => {
      const original = child(response, SAML, 'Assertion');
      const clone = original.cloneNode(true) as Element;
      clone.removeChild(child(clone, DS, 'Signature'));
      original.setAttribute('ID', '_evil_assertion_ID');
      toVictim(original);
      response.appendChild(clone);
    }));
  });

  it('S-06 XSW6: as XSW5 with the clone inside the evil Assertion\'s own Signature', async () => {
    await expectAssertionWrappingRejected((xml) => mutate(xml, (_doc, response) => {
      const original = child(response, SAML, 'Assertion');
      const clone = original.cloneNode(true) as Element;
      clone.removeChild(child(clone, DS, 'Signature'));
      original.setAttribute('ID', '_evil_assertion_ID');
      toVictim(original);
      child(original, DS, 'Signature').appendChild(clone);
    }));
  });

  it('S-07 XSW7: Extensions before the Assertion holding an edited clone with the same ID', async () => {
    await expectAssertionWrappingRejected((xml) => mutate(xml, (doc, response) => {
      const original = child(response, SAML, 'Assertion');
      const clone = original.cloneNode(true) as Element;
      clone.removeChild(child(clone, DS, 'Signature'));
      toVictim(clone);
      const extensions = doc.createElementNS(SAMLP, 'saml2p:Extensions');
      extensions.appendChild(clone);
      response.insertBefore(extensions, original);
    }));
  });

  it('S-08 XSW8: original edited in place, unedited clone (same ID) inside Signature/Object', async () => {
    await expectAssertionWrappingRejected((xml) => mutate(xml, (doc, response) => {
      const original = child(response, SAML, 'Assertion');
      const clone = original.cloneNode(true) as Element;
      clone.removeChild(child(clone, DS, 'Signature'));
      toVictim(original);
      const object = doc.createElementNS(DS, 'ds:Object');
      object.appendChild(clone);
      child(original, DS, 'Signature').appendChild(object);
    }));
  });

  it('S-09 XSW10: Assertion signature moved into the Response with a ds:Object clone, Assertion edited with ID+ffff', async () => {
    const { login, xml } = await signedPair();
    const attack = mutate(xml, (doc, response) => {
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
      toVictim(assertion);
    });
    // The Response now carries the Assertion's signature (wrong reference) and a hidden clone.
    await expectRejected(h, attack, login, { status: 403, code: ['saml_signature_invalid', 'saml_response_rejected'] });
  });

  it('S-10 hidden assertion: signed Assertion moved into Extensions, forged one with the same ID in its place', async () => {
    await expectAssertionWrappingRejected((xml) => mutate(xml, (doc, response) => {
      const original = child(response, SAML, 'Assertion');
      const forged = original.cloneNode(true) as Element;
      toVictim(forged);
      const extensions = doc.createElementNS(SAMLP, 'saml2p:Extensions');
      response.replaceChild(forged, original);
      extensions.appendChild(original);
      response.insertBefore(extensions, forged);
    }));
  });
});
