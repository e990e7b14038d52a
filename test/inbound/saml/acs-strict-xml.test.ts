import assert from 'node:assert/strict';
import { encryptAssertion } from '../../../src/inbound/saml/crypto/index.js';
import { assertionXml, buildResponse, minimumDataSet, responseXml, type AttributeSpec, type ResponseFields } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness } from './support/harness.js';
import { laxSign } from './support/lax-signer.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';

/** The minimum data set with one attribute's value written as raw XML source. */
function withRawValue(country: string, local: string, source: string): AttributeSpec[] {
  return minimumDataSet(country).map((a) => (a.name === natural + local ? { ...a, rawValues: [`<saml2:AttributeValue xsi:type="xs:string">${source}</saml2:AttributeValue>`] } : a));
}

/**
 * Strict XML 1.0 at the ACS (issue 10, item 1): the shapes a lax parser accepts are refused with nothing
 * stored, even when the signature was computed over what the lax parser made of them; the XML 1.1 line ends
 * U+2028 and U+0085 reach the portal unchanged.
 */
describe('SAML ACS parses responses as strict XML 1.0', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });
  const recipient = () => h.ctx.keystore.active('saml-encryption', 'RSA').certificatePem!;

  /** A response whose assertion the ES IdP signed over the lax reading of `fields`, optionally encrypted. */
  function laxSigned(fields: ResponseFields, options: { encrypted?: boolean; editAssertion?: (xml: string) => string } = {}): string {
    const source = (options.editAssertion ?? ((x: string) => x))(assertionXml(fields));
    const assertion = laxSign(source, fields.assertionId, h.idps.ES.signingKey, '</saml2:Issuer>');
    return responseXml(fields, options.encrypted ? encryptAssertion(assertion, recipient()) : assertion);
  }

  it('refuses the signed U+FFFD rewritten as a lone-surrogate reference (&#xD800;…&#xDFFF;) in a name and in the PersonIdentifier', async () => {
    for (const [local, source] of [['CurrentFamilyName', 'Ro&#xD800;ssi'], ['CurrentFamilyName', 'Ro&#xDFFF;ssi'], ['PersonIdentifier', 'ES/DE/ABC&#xDBFF;123']] as const) {
      for (const encrypted of [false, true]) {
        const login = await h.login('ES');
        const xml = laxSigned({ ...login.fields, attributes: withRawValue('ES', local, source) }, { encrypted });
        await expectRejected(h, xml, login, { status: encrypted ? 403 : 400, code: encrypted ? 'saml_decryption_failed' : 'saml_response_malformed' });
      }
    }
  });

  it('refuses every not-well-formed shape inside the signed assertion, with nothing stored', async () => {
    const shapes: Record<string, (xml: string) => string> = {
      'reference to U+0001': (x) => x.replace('>Rossi<', '>Ros&#1;si<'),
      'reference to NUL': (x) => x.replace('>Rossi<', '>Ros&#x0;si<'),
      'raw C0 control': (x) => x.replace('>Rossi<', '>Ros\u0001si<'),
      'raw NUL': (x) => x.replace('>Rossi<', '>Ros\u0000si<'),
      'stray end tag': (x) => x.replace('>Rossi<', '>Rossi</saml2:Foo><'),
      '"]]>" in text': (x) => x.replace('>Rossi<', '>Ros]]>si<'),
      'unterminated CDATA': (x) => x.replace('>Rossi<', '>Ros<![CDATA[si<'),
      'empty prefix binding': (x) => x.replace('<saml2:Subject>', '<saml2:Subject xmlns:p="">'),
      'undeclared entity': (x) => x.replace('>Rossi<', '>Ros&shy;si<'),
      'XML 1.1 declaration': (x) => `<?xml version="1.1"?>${x}`,
    };
    for (const [name, edit] of Object.entries(shapes)) {
      for (const encrypted of [false, true]) {
        const login = await h.login('ES');
        const fields = { ...login.fields, attributes: minimumDataSet('ES') };
        const xml = encrypted ? laxSigned(fields, { encrypted, editAssertion: edit }) : edit(laxSigned(fields));
        const before = await h.counts();
        const response = await h.post(xml, login);
        assert.ok(response.status === 400 || response.status === 403, `${name} (encrypted: ${encrypted}): ${response.status}`);
        assert.deepEqual(await h.counts(), before, `${name}: nothing stored`);
        assert.equal(h.handOff.succeeded.filter((s) => s.citizen.assertionId === fields.assertionId).length, 0, `${name}: no citizen handed over`);
      }
    }
  });

  it('refuses a stray end tag or "]]>" after the signed assertion, in the unsigned Response envelope', async () => {
    for (const edit of [(x: string) => x.replace('</saml2p:Response>', '</saml2p:Response></saml2p:Response>'), (x: string) => x.replace('<saml2p:Status>', ']]><saml2p:Status>')]) {
      const login = await h.login('ES');
      await expectRejected(h, edit(buildResponse(h.idps.ES, login.fields, { responseSigner: false })), login, { status: 400, code: 'saml_response_malformed' });
    }
  });

  it('delivers a raw U+2028 in a signed name unchanged, plain and encrypted (no XML 1.1 line-end normalisation)', async () => {
    for (const encrypted of [false, true]) {
      const login = await h.login('ES');
      const fields = { ...login.fields, attributes: withRawValue('ES', 'CurrentFamilyName', 'Ros\u2028si') };
      const response = await h.post(buildResponse(h.idps.ES, fields, { responseSigner: false, ...(encrypted ? { encryptFor: recipient() } : {}) }), login);
      assert.equal(response.status, 200, response.text.slice(0, 300));
      assert.equal(h.handOff.succeeded.at(-1)!.citizen.familyName, 'Ros\u2028si');
    }
  });

  it('verifies an encrypted assertion holding a raw U+0085 and U+2028 in its signed text', async () => {
    const login = await h.login('ES');
    const fields = { ...login.fields, attributes: [...minimumDataSet('ES'), { name: 'urn:example:note', values: ['line\u0085next\u2028end'], nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri' }] };
    // Signed over the XML 1.0 reading (the lax signer normalises CR and CR LF only), as xmlsec1 or Santuario would.
    const response = await h.post(laxSigned(fields, { encrypted: true }), login);
    assert.equal(response.status, 200, response.text.slice(0, 300));
    assert.equal(h.handOff.succeeded.at(-1)!.citizen.assertionId, fields.assertionId);
  });

  it('refuses a signed name holding U+0085 (well-formed XML, but a control character in a name)', async () => {
    const login = await h.login('ES');
    const fields = { ...login.fields, attributes: withRawValue('ES', 'CurrentFamilyName', 'Ros\u0085si') };
    await expectRejected(h, buildResponse(h.idps.ES, fields, { responseSigner: false }), login, { status: 403, code: 'citizen_attribute_malformed' });
  });

  it('refuses an impossible signed DateOfBirth (1985-02-30, 1985-13-45)', async () => {
    for (const date of ['1985-02-30', '1985-13-45']) {
      const login = await h.login('ES');
      const fields = { ...login.fields, attributes: withRawValue('ES', 'DateOfBirth', date) };
      await expectRejected(h, buildResponse(h.idps.ES, fields, { responseSigner: false }), login, { status: 403, code: 'citizen_attribute_malformed' });
    }
  });
});
