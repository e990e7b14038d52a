import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tempFile, run, tools } from './crypto/support/external-tools.js';
import { assertionXml, minimumDataSet, responseXml } from './support/response-builder.js';
import { encryptAssertion } from '../../../src/inbound/saml/crypto/index.js';
import { SamlHarness } from './support/harness.js';
import { laxSign } from './support/lax-signer.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';
const assertionElement = 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion';
const runs = Number(process.env.PROPERTY_RUNS ?? 100);

/**
 * Text as an IdP (or an attacker) may write it inside a signed AttributeValue: raw code points of every plane
 * (controls, NEL, LINE SEPARATOR, non-characters, lone surrogates, which UTF-8 turns into U+FFFD), character
 * references to any number, the predefined entities and markup that is never well-formed (a stray end tag, a
 * lone "<", "]]>", an unterminated CDATA section at the end). It never forms an element, comment or CDATA
 * section: those are well-formed but refused by our plain-text rule for values, a policy xmlsec1 does not share.
 */
const codePoint = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0x0, 0x1, 0x9, 0xa, 0xd, 0x1f, 0x7f, 0x85, 0x9f, 0xa0, 0x2028, 0x2029, 0x202e, 0xfeff, 0xfffd, 0xfffe, 0xffff, 0x10ffff, 0x110000),
);
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }).map((s) => s.replaceAll('<', '< ')) },
  { weight: 3, arbitrary: fc.constantFrom('Rossi', 'é', 'Ж', 'محمد', '𝔘', ' ', '\t', '\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u00a0', '\u202e', '\ufffd', '\u0001', '\u0000', '\ud800', '\udfff', '\ufffe') },
  { weight: 3, arbitrary: fc.tuple(codePoint, fc.constantFrom('x', 'X', 'd')).map(([cp, form]) => (form === 'd' ? `&#${cp};` : form === 'x' ? `&#x${cp.toString(16)};` : `&#x${cp.toString(16).toUpperCase()};`)) },
  { weight: 1, arbitrary: fc.constantFrom('&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '>', '"', '\'', ']]>', ']]', '</x>', '< ', '&', '&nbsp;', '&#X41;', '&#;') },
);
const anyText = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 8 }), fc.boolean()).map(([parts, cdata]) => parts.join('') + (cdata ? '<![CDATA[' : ''));
// Half the cases are XML 1.0 text, so acceptance is exercised as much as refusal.
const isChar = (cp: number) => cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
const xmlChar = codePoint.filter(isChar);
const xmlSegment = fc.oneof(
  xmlChar.map((cp) => String.fromCodePoint(cp).replace('&', '&amp;').replace('<', '&lt;')),
  xmlChar.map((cp) => `&#x${cp.toString(16)};`),
  fc.constantFrom('Rossi', 'Ż', '\u2028', '\u0085', '\r\n', '\u202e', '\ufffd', '&amp;', '&lt;', '&gt;', ']]', '>'),
);
const signedText = fc.oneof(anyText, fc.array(xmlSegment, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')));

/** What xmlsec1 verified: its canonical pre-digest bytes of the Assertion, or undefined if it refused. */
function xmlsec1Verdict(xml: string, idpCertificatePem: string): string | undefined {
  const result = run('xmlsec1', ['--verify', '--pubkey-cert-pem', tempFile('idp.crt.pem', idpCertificatePem), '--id-attr:ID', assertionElement,
    '--store-references', '--print-debug', tempFile('signed.xml', xml)]);
  if (result.status !== 0) return undefined;
  const canonical = /== PreDigest data - start buffer:\n([\s\S]*?)\n== PreDigest data - end buffer/.exec(result.stdout)?.[1];
  assert.ok(canonical, 'xmlsec1 printed the signed bytes');
  return canonical;
}

/** The family name as the canonical form carries it (c14n escapes only &, <, > and CR in text). */
function familyNameIn(canonical: string): string {
  const escaped = new RegExp(`Name="${natural}CurrentFamilyName"[^>]*><saml2:AttributeValue[^>]*>([^<]*)</saml2:AttributeValue>`).exec(canonical)?.[1];
  assert.ok(escaped !== undefined, 'the family name is in the signed bytes');
  return escaped.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#xD;/g, '\r').replace(/&amp;/g, '&');
}

/** What the portal must receive for a signed family name: trimmed of XML white space, then our value rules. */
function expectedOutcome(signed: string): { familyName: string } | { code: string } {
  const familyName = signed.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
  if (familyName.trim() === '') return { code: 'citizen_attribute_missing' };
  if (/[\p{Cc}\p{Cs}]/u.test(familyName)) return { code: 'citizen_attribute_malformed' };
  return { familyName };
}

describe('SAML ACS agrees with xmlsec1 on signed responses with arbitrary Unicode text (property)', function () {
  this.timeout(300_000);
  const h = new SamlHarness();
  before(async function () {
    if (!tools.xmlsec1()) {
      console.log('      xmlsec1 is not installed: apt-get install -y xmlsec1');
      this.skip();
    }
    await h.start();
  });
  after(async () => { await h.stop(); });

  it('accepts a response exactly when xmlsec1 does, and delivers the signed name code point for code point', async () => {
    const recipient = () => h.ctx.keystore.active('saml-encryption', 'RSA').certificatePem!;
    await fc.assert(fc.asyncProperty(signedText, fc.boolean(), async (text, encrypted) => {
      const login = await h.login('ES');
      const fields = { ...login.fields, attributes: minimumDataSet('ES').map((a) => (a.name === `${natural}CurrentFamilyName`
        ? { ...a, rawValues: [`<saml2:AttributeValue xsi:type="xs:string">${text}</saml2:AttributeValue>`] } : a)) };
      const assertion = laxSign(assertionXml(fields), fields.assertionId, h.idps.ES.signingKey, '</saml2:Issuer>');
      const xml = responseXml(fields, encrypted ? encryptAssertion(assertion, recipient()) : assertion);
      // xmlsec1 reads the bytes we send: the whole Response, or the signed Assertion that went into the encryption.
      const wire = Buffer.from(encrypted ? assertion : xml, 'utf8').toString('utf8');
      const canonical = xmlsec1Verdict(wire, h.idps.ES.certificatePem);

      const before = await h.counts();
      const delivered = h.handOff.succeeded.length;
      const response = await h.post(xml, login);
      const accepted = h.handOff.succeeded.length > delivered;
      const shown = /· ([a-z_]+)<\/p>/.exec(response.text)?.[1];
      if (canonical === undefined) {
        assert.equal(accepted, false, `xmlsec1 refused, we accepted (${shown})`);
        // A decrypted plaintext that is not XML looks exactly like a failed decryption (no padding oracle, S-50).
        const unreadable = encrypted ? ['saml_decryption_failed', 'saml_signature_invalid'] : ['saml_response_malformed', 'saml_signature_invalid'];
        assert.ok(unreadable.includes(shown ?? ''), `refused as unreadable or unsigned, not ${shown}`);
        assert.deepEqual(await h.counts(), before, 'nothing stored');
        return;
      }
      const expected = expectedOutcome(familyNameIn(canonical));
      if ('code' in expected) {
        assert.equal(accepted, false, `accepted a name our value rules refuse: ${JSON.stringify(familyNameIn(canonical))}`);
        assert.equal(shown, expected.code);
        assert.deepEqual(await h.counts(), before, 'nothing stored');
        return;
      }
      assert.equal(accepted, true, `xmlsec1 accepted, we refused with ${shown}`);
      assert.equal(h.handOff.succeeded.at(-1)!.citizen.familyName, expected.familyName, 'the portal gets the signed text');
    }), { numRuns: runs });
  });
});
