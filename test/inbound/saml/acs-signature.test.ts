import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { algorithms, canonicalizeExclusive } from '../../../src/inbound/saml/crypto/index.js';
import { buildResponse, type BuildOptions } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { forgeSignature, hmacSigner, pssSigner, rsaSigner } from './support/forge-signature.js';
import { SamlHarness, type StartedLogin } from './support/harness.js';
import { testKey } from './support/test-idp.js';
import { DS, SAML, SAMLP, child, mutate, personIdentifierValue, setText, toVictim } from './support/xml-mutate.js';

const invalid = { status: 403, code: 'saml_signature_invalid' };
const refused = { status: 403, code: 'saml_algorithm_refused' };
const rejected = { status: 403, code: 'saml_response_rejected' };

/** Signature structure, key trust and algorithm policy (security.md S-11…S-28). */
describe('SAML ACS refuses bad signatures, untrusted keys and weak algorithms (S-11…S-28)', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });

  /** A login and its Response with only the Assertion signed (the Response signature is optional). */
  async function assertionSigned(options: BuildOptions = {}): Promise<{ login: StartedLogin; xml: string }> {
    const login = await h.login('IT');
    return { login, xml: buildResponse(h.idps.IT, login.fields, { responseSigner: false, ...options }) };
  }

  describe('structure', () => {
    it('S-11 refuses two Assertions, signed and forged, in either order', async () => {
      for (const forgedFirst of [true, false]) {
        const { login, xml } = await assertionSigned();
        const attack = mutate(xml, (_doc, response) => {
          const original = child(response, SAML, 'Assertion');
          const forged = original.cloneNode(true) as Element;
          forged.removeChild(child(forged, DS, 'Signature'));
          forged.setAttribute('ID', '_forged');
          toVictim(forged);
          response.insertBefore(forged, forgedFirst ? original : null);
        });
        await expectRejected(h, attack, login, rejected);
      }
    });

    it('S-11 refuses an Assertion next to an EncryptedAssertion, and two EncryptedAssertions', async () => {
      const recipient = h.ctx.keystore.active('saml-encryption', 'RSA').certificatePem!;
      for (const second of ['plain', 'encrypted'] as const) {
        const login = await h.login('IT');
        const encrypted = buildResponse(h.idps.IT, login.fields, { responseSigner: false, encryptFor: recipient });
        const other = buildResponse(h.idps.IT, { ...login.fields, assertionId: '_other' }, { responseSigner: false, ...(second === 'encrypted' ? { encryptFor: recipient } : {}) });
        const attack = mutate(encrypted, (doc, response) => {
          const parsed = new DOMParser().parseFromString(other, 'application/xml');
          const node = child(parsed.documentElement!, SAML, second === 'plain' ? 'Assertion' : 'EncryptedAssertion');
          response.appendChild(doc.importNode(node, true));
        });
        await expectRejected(h, attack, login, rejected);
      }
    });

    it('S-12 refuses two elements with the same ID anywhere in the document', async () => {
      const { login, xml } = await assertionSigned();
      const attack = mutate(xml, (doc, response) => {
        const extensions = doc.createElementNS(SAMLP, 'saml2p:Extensions');
        const twin = doc.createElementNS('urn:example:any', 'x:Anything');
        twin.setAttribute('ID', login.fields.assertionId);
        extensions.appendChild(twin);
        response.insertBefore(extensions, child(response, SAMLP, 'Status'));
      });
      await expectRejected(h, attack, login, rejected);
    });

    it('S-13 refuses an Assertion signature whose Reference points at the Response', async () => {
      const login = await h.login('IT');
      const xml = buildResponse(h.idps.IT, login.fields);
      const attack = mutate(xml, (_doc, response) => {
        const assertion = child(response, SAML, 'Assertion');
        assertion.replaceChild(child(response, DS, 'Signature').cloneNode(true), child(assertion, DS, 'Signature'));
      });
      await expectRejected(h, attack, login, invalid);
    });

    it('S-14 refuses Reference URI="", two References, and a URI with a quote', async () => {
      const edits: Array<(reference: Element) => void> = [
        (reference) => reference.setAttribute('URI', ''),
        (reference) => reference.parentNode!.appendChild(reference.cloneNode(true)),
        (reference) => reference.setAttribute('URI', `${reference.getAttribute('URI')}"`),
      ];
      for (const edit of edits) {
        const { login, xml } = await assertionSigned();
        const attack = mutate(xml, (_doc, response) => {
          const signedInfo = child(child(child(response, SAML, 'Assertion'), DS, 'Signature'), DS, 'SignedInfo');
          edit(child(signedInfo, DS, 'Reference'));
        });
        await expectRejected(h, attack, login, invalid);
      }
    });

    it('S-15 refuses a second SignedInfo and a SignedInfo wrapped in another element (CVE-2025-29774)', async () => {
      for (const wrap of [false, true]) {
        const { login, xml } = await assertionSigned();
        const attack = mutate(xml, (doc, response) => {
          const assertion = child(response, SAML, 'Assertion');
          const signature = child(assertion, DS, 'Signature');
          const signedInfo = child(signature, DS, 'SignedInfo');
          toVictim(assertion);
          if (wrap) {
            const wrapper = doc.createElementNS('urn:example:wrap', 'w:Wrapper');
            signature.replaceChild(wrapper, signedInfo);
            wrapper.appendChild(signedInfo);
          } else {
            signature.insertBefore(signedInfo.cloneNode(true), signedInfo);
          }
        });
        await expectRejected(h, attack, login, invalid);
      }
    });

    it('S-16 refuses a DigestValue with a comment carrying the digest of edited content (CVE-2025-29775)', async () => {
      const { login, xml } = await assertionSigned();
      const attack = mutate(xml, (doc, response) => {
        const assertion = child(response, SAML, 'Assertion');
        const signature = child(assertion, DS, 'Signature');
        toVictim(assertion);
        const edited = createHash('sha256').update(canonicalizeExclusive(assertion, { omitChild: signature })).digest('base64');
        const digestValue = signature.getElementsByTagNameNS(DS, 'DigestValue')[0]!;
        const original = digestValue.textContent ?? '';
        setText(digestValue, original);
        digestValue.insertBefore(doc.createComment(edited), digestValue.firstChild);
      });
      await expectRejected(h, attack, login, invalid);
    });

    /** The IdP signs `IT/DE/VICTIM0001.attacker`; the attacker splits the signed text (c14n keeps the signature valid). */
    async function splitIdentifier(splitter: string) {
      const login = await h.login('IT');
      const fields = { ...login.fields };
      fields.attributes = fields.attributes.map((a) => (a.name.endsWith('/PersonIdentifier') ? { ...a, values: ['IT/DE/VICTIM0001.attacker'] } : a));
      const xml = buildResponse(h.idps.IT, fields, {
        responseSigner: false,
        editSignedAssertion: (signed) => signed.replace('IT/DE/VICTIM0001.attacker', splitter),
      });
      return { login, xml };
    }

    it('S-17 refuses a comment or a CDATA section inside a signed PersonIdentifier', async () => {
      for (const splitter of ['IT/DE/VICTIM0001<!---->.attacker', 'IT/DE/VICTIM0001<!--x-->.attacker', 'IT/DE/VICTIM0001<![CDATA[.attacker]]>']) {
        const { login, xml } = await splitIdentifier(splitter);
        await expectRejected(h, xml, login, rejected);
      }
    });

    it('S-17 reads the FULL identifier when the parser folds an empty CDATA section into the text', async () => {
      const { login, xml } = await splitIdentifier('IT/DE/VICTIM0001<![CDATA[]]>.attacker');
      const response = await h.post(xml, login);
      assert.equal(response.status, 200);
      assert.equal(h.handOff.succeeded.at(-1)!.citizen.personIdentifier, 'IT/DE/VICTIM0001.attacker');
    });
  });

  describe('signing policy', () => {
    it('S-18 refuses an unsigned Assertion inside a signed Response', async () => {
      const login = await h.login('IT');
      await expectRejected(h, buildResponse(h.idps.IT, login.fields, { assertionSigner: false }), login, invalid);
    });

    it('S-20 refuses a Response stripped of every signature', async () => {
      const login = await h.login('IT');
      await expectRejected(h, buildResponse(h.idps.IT, login.fields, { assertionSigner: false, responseSigner: false }), login, invalid);
    });

    it('S-21 refuses a flipped bit in either SignatureValue and one changed character of signed content', async () => {
      const flips: Array<(response: Element) => void> = [
        (response) => flipSignatureValue(child(child(response, SAML, 'Assertion'), DS, 'Signature')),
        (response) => flipSignatureValue(child(response, DS, 'Signature')),
        (response) => setText(personIdentifierValue(child(response, SAML, 'Assertion')), 'IT/DE/ABC123457'),
      ];
      for (const flip of flips) {
        const login = await h.login('IT');
        await expectRejected(h, mutate(buildResponse(h.idps.IT, login.fields), (_d, r) => flip(r)), login, invalid);
      }
    });
  });

  describe('key trust', () => {
    it('S-22 refuses content re-signed with an attacker key whose certificate sits in KeyInfo (X509Data or RSAKeyValue)', async () => {
      const attacker = await testKey('attacker');
      for (const keyValue of [false, true]) {
        const login = await h.login('IT');
        const fields = { ...login.fields, attributes: login.fields.attributes.map((a) => (a.name.endsWith('/PersonIdentifier') ? { ...a, values: ['IT/DE/VICTIM0001'] } : a)) };
        let xml = buildResponse(h.idps.IT, fields, { responseSigner: false, assertionSigner: attacker });
        if (keyValue) {
          const jwk = attacker.signingKey.export({ format: 'jwk' });
          const b64 = (v: string | undefined) => Buffer.from(v ?? '', 'base64url').toString('base64');
          xml = xml.replace(/<ds:KeyInfo>[\s\S]*?<\/ds:KeyInfo>/, `<ds:KeyInfo><ds:KeyValue><ds:RSAKeyValue><ds:Modulus>${b64(jwk.n)}</ds:Modulus><ds:Exponent>${b64(jwk.e)}</ds:Exponent></ds:RSAKeyValue></ds:KeyValue></ds:KeyInfo>`);
        }
        await expectRejected(h, xml, login, invalid);
      }
    });

    it('S-23 refuses content re-signed with an attacker key and no KeyInfo', async () => {
      const attacker = await testKey('attacker');
      const login = await h.login('IT');
      await expectRejected(h, buildResponse(h.idps.IT, login.fields, { responseSigner: false, assertionSigner: { signingKey: attacker.signingKey } }), login, invalid);
    });

    it('S-24 refuses an IT response signed with the key of another trusted IdP (ES, RS)', async () => {
      for (const other of [h.idps.ES, h.idps.RS]) {
        const login = await h.login('IT');
        await expectRejected(h, buildResponse(h.idps.IT, login.fields, { assertionSigner: other, responseSigner: other }), login, invalid);
      }
    });
  });

  describe('algorithms', () => {
    const forge = (xml: string, id: string, options: Partial<Parameters<typeof forgeSignature>[1]>) => forgeSignature(xml, {
      referenceId: id, signatureUri: algorithms.rsaPssSha256, digestUri: algorithms.sha256, digestHash: 'sha256',
      sign: pssSigner(h.idps.IT.signingKey), ...options,
    });
    const unsignedLogin = async () => {
      const login = await h.login('IT');
      return { login, xml: buildResponse(h.idps.IT, login.fields, { responseSigner: false, assertionSigner: false }) };
    };
    it('the forging helper itself produces an accepted signature with allowed algorithms', async () => {
      const { login, xml } = await unsignedLogin();
      const response = await h.post(forgeAssertion(xml, login.fields.assertionId, (x, id) => forge(x, id, {})), login);
      assert.equal(response.status, 200);
    });

    it('S-25 refuses rsa-sha1 with a SHA-1 digest, and RSA-PSS over a SHA-1 reference digest, from the trusted key', async () => {
      for (const options of [
        { signatureUri: algorithms.rsaSha1, digestUri: algorithms.sha1, digestHash: 'sha1', sign: rsaSigner(h.idps.IT.signingKey, 'sha1') },
        { digestUri: algorithms.sha1, digestHash: 'sha1' },
      ]) {
        const { login, xml } = await unsignedLogin();
        await expectRejected(h, forgeAssertion(xml, login.fields.assertionId, (x, id) => forge(x, id, options)), login, refused);
      }
    });

    it('S-26 refuses rsa-md5', async () => {
      const { login, xml } = await unsignedLogin();
      const attack = forgeAssertion(xml, login.fields.assertionId, (x, id) => forge(x, id, { signatureUri: algorithms.rsaMd5, sign: rsaSigner(h.idps.IT.signingKey, 'md5') }));
      await expectRejected(h, attack, login, refused);
    });

    it('S-27 refuses hmac-sha1 keyed with the IdP certificate from metadata', async () => {
      const { login, xml } = await unsignedLogin();
      const secret = Buffer.from(h.idps.IT.certificatePem);
      const attack = forgeAssertion(xml, login.fields.assertionId, (x, id) => forge(x, id, { signatureUri: algorithms.hmacSha1, sign: hmacSigner(secret) }));
      await expectRejected(h, attack, login, refused);
    });

    it('S-28 refuses HMACOutputLength, a third transform, an XSLT transform and #WithComments canonicalization', async () => {
      const variants: Array<Partial<Parameters<typeof forgeSignature>[1]>> = [
        { methodChildren: `<ds:HMACOutputLength xmlns:ds="${DS}">80</ds:HMACOutputLength>` },
        { transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', algorithms.excC14n, algorithms.excC14n] },
        { transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/TR/1999/REC-xslt-19991116'] },
        { transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', algorithms.excC14nWithComments] },
        { c14nUri: algorithms.excC14nWithComments },
      ];
      for (const variant of variants) {
        const { login, xml } = await unsignedLogin();
        await expectRejected(h, forgeAssertion(xml, login.fields.assertionId, (x, id) => forge(x, id, variant)), login, { status: 403, code: ['saml_algorithm_refused', 'saml_signature_invalid'] });
      }
    });

    it('refuses RSA PKCS#1 v1.5 (rsa-sha256) from a country under the strict eIDAS profile', async () => {
      const login = await h.login('IT');
      await expectRejected(h, buildResponse(h.idps.IT, login.fields, { signatureAlgorithm: algorithms.rsaSha256 }), login, refused);
    });
  });
});

function flipSignatureValue(signature: Element): void {
  const value = child(signature, DS, 'SignatureValue');
  const bytes = Buffer.from(value.textContent ?? '', 'base64');
  bytes[bytes.length - 1]! ^= 1;
  setText(value, bytes.toString('base64'));
}

/** Signs the Assertion inside a Response (forging helper works on the Assertion document). */
function forgeAssertion(xml: string, assertionId: string, sign: (assertionXml: string, id: string) => string): string {
  const start = xml.indexOf('<saml2:Assertion');
  const end = xml.indexOf('</saml2:Assertion>') + '</saml2:Assertion>'.length;
  return xml.slice(0, start) + sign(xml.slice(start, end), assertionId) + xml.slice(end);
}
