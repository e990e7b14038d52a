import { buildResponse } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness, type StartedLogin } from './support/harness.js';
import { hiddenAssertion, stripResponseSignature, xsw1, xsw10, xsw2, xsw3, xsw4, xsw5, xsw6, xsw7, xsw8, type XmlEdit } from './support/signature-attacks.js';

/**
 * XML signature wrapping (security.md S-01…S-10), built the way SAML Raider builds them from a
 * valid Response whose Response and Assertion are both signed by the trusted IdP key. Each
 * variant edits PersonIdentifier to a victim's and must be refused with nothing stored. The shapes
 * live in support/signature-attacks.ts, shared with the node-saml agreement test.
 */
describe('SAML ACS refuses XML signature wrapping (S-01…S-10)', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });
  const COUNTRY = 'IT';
  const rejected = { status: 403, code: 'saml_response_rejected' };

  /**
   * Assertion-level wrapping, twice: as crafted (the edit also breaks the Response signature, so
   * either refusal is right) and with the Response signature stripped (allowed by our policy,
   * S-19), where only the structural checks stand between the attacker and a login.
   */
  async function expectAssertionWrappingRejected(attack: XmlEdit): Promise<void> {
    const first = await signedPair();
    await expectRejected(h, attack(first.xml), first.login, { status: 403, code: ['saml_signature_invalid', 'saml_response_rejected'] });
    const second = await signedPair();
    await expectRejected(h, stripResponseSignature(attack(second.xml)), second.login, rejected);
  }

  async function signedPair(): Promise<{ login: StartedLogin; xml: string }> {
    const login = await h.login(COUNTRY);
    return { login, xml: buildResponse(h.idps[COUNTRY], login.fields) };
  }

  it('S-01 XSW1: signed Response clone inside the original Signature, original edited with a new ID', async () => {
    const { login, xml } = await signedPair();
    await expectRejected(h, xsw1(COUNTRY)(xml), login, rejected);
  });

  it('S-02 XSW2: signed Response clone as preceding sibling of the Signature', async () => {
    const { login, xml } = await signedPair();
    await expectRejected(h, xsw2(COUNTRY)(xml), login, rejected);
  });

  it('S-03 XSW3: unsigned evil Assertion with a new ID inserted before the signed one', async () => {
    await expectAssertionWrappingRejected(xsw3(COUNTRY));
  });

  it('S-04 XSW4: evil Assertion appended to the Response, holding the signed original as its last child', async () => {
    await expectAssertionWrappingRejected(xsw4(COUNTRY));
  });

  it('S-05 XSW5: original Assertion edited in place with a new ID, unedited unsigned clone appended', async () => {
    await expectAssertionWrappingRejected(xsw5(COUNTRY));
  });

  it('S-06 XSW6: as XSW5 with the clone inside the evil Assertion\'s own Signature', async () => {
    await expectAssertionWrappingRejected(xsw6(COUNTRY));
  });

  it('S-07 XSW7: Extensions before the Assertion holding an edited clone with the same ID', async () => {
    await expectAssertionWrappingRejected(xsw7(COUNTRY));
  });

  it('S-08 XSW8: original edited in place, unedited clone (same ID) inside Signature/Object', async () => {
    await expectAssertionWrappingRejected(xsw8(COUNTRY));
  });

  it('S-09 XSW10: Assertion signature moved into the Response with a ds:Object clone, Assertion edited with ID+ffff', async () => {
    const { login, xml } = await signedPair();
    // The Response now carries the Assertion's signature (wrong reference) and a hidden clone.
    await expectRejected(h, xsw10(COUNTRY)(xml), login, { status: 403, code: ['saml_signature_invalid', 'saml_response_rejected'] });
  });

  it('S-10 hidden assertion: signed Assertion moved into Extensions, forged one with the same ID in its place', async () => {
    await expectAssertionWrappingRejected(hiddenAssertion(COUNTRY));
  });
});
