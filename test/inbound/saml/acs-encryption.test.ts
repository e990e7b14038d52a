import assert from 'node:assert/strict';
import { algorithms, encryptAssertion } from '../../../src/inbound/saml/crypto/index.js';
import { assertionXml, buildResponse, minimumDataSet, responseXml, type ResponseFields } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness } from './support/harness.js';
import { mutate } from './support/xml-mutate.js';

const refused = { status: 403, code: 'saml_algorithm_refused' };

/** Encrypted assertions (security.md S-49…S-53): algorithm policy before decryption, encryption ≠ authentication. */
describe('SAML ACS encryption rules (S-49…S-53)', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });
  const rsaRecipient = () => h.ctx.keystore.active('saml-encryption', 'RSA').certificatePem!;

  async function encrypted(country: 'IT' | 'RS' = 'IT', encryption = {}) {
    const login = await h.login(country);
    const fields = { ...login.fields, attributes: minimumDataSet(country) };
    return { login, xml: buildResponse(h.idps[country], fields, { responseSigner: false, encryptFor: rsaRecipient(), encryption }) };
  }
  const setAlgorithm = (xml: string, from: string, to: string) => xml.replace(`Algorithm="${from}"`, `Algorithm="${to}"`);

  it('S-49 refuses rsa-1_5 key transport before any decryption', async () => {
    const { login, xml } = await encrypted();
    await expectRejected(h, setAlgorithm(xml, algorithms.rsaOaep, algorithms.rsa15), login, refused);
  });

  it('S-49 refuses tripledes-cbc data encryption', async () => {
    const { login, xml } = await encrypted();
    await expectRejected(h, setAlgorithm(xml, algorithms.aes256Gcm, algorithms.tripleDesCbc), login, refused);
  });

  it('S-50 refuses AES-CBC under the strict eIDAS profile', async () => {
    const { login, xml } = await encrypted('IT', { dataAlgorithm: algorithms.aes256Cbc });
    await expectRejected(h, xml, login, refused);
  });

  it('S-50 answers every CBC padding-oracle variant identically where CBC is allowed (national profile)', async () => {
    const pages = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { login, xml } = await encrypted('RS', { dataAlgorithm: algorithms.aes256Cbc });
      const attack = mutate(xml, (_doc, response) => {
        const values = response.getElementsByTagNameNS('http://www.w3.org/2001/04/xmlenc#', 'CipherValue');
        const data = values[values.length - 1]!;
        const bytes = Buffer.from(data.textContent ?? '', 'base64');
        bytes[bytes.length - 1 - (i % 16)]! ^= (i + 1);
        data.textContent = bytes.toString('base64');
        while (data.firstChild) data.removeChild(data.firstChild);
        data.appendChild(data.ownerDocument!.createTextNode(bytes.toString('base64')));
      });
      const before = await h.counts();
      const response = await h.post(attack, login);
      assert.equal(response.status, 403);
      assert.deepEqual(await h.counts(), before);
      pages.add(response.text.replace(/<code>[^<]*<\/code>/, ''));
    }
    assert.equal(pages.size, 1, 'one page for every variant');
    assert.match([...pages][0]!, /saml_decryption_failed/);
  });

  it('S-51 refuses an unsigned Assertion that an attacker encrypted to our public certificate', async () => {
    const login = await h.login('IT');
    await expectRejected(h, buildResponse(h.idps.IT, login.fields, { assertionSigner: false, responseSigner: false, encryptFor: rsaRecipient() }), login, { status: 403, code: 'saml_signature_invalid' });
  });

  it('S-52 refuses an EncryptedAssertion whose plaintext is a Response, two Assertions, or text', async () => {
    const plaintexts: Array<[(f: ResponseFields) => string, string]> = [
      [(f: ResponseFields) => responseXml(f, assertionXml(f)), 'saml_response_rejected'],
      [(f: ResponseFields) => `<x:Two xmlns:x="urn:x">${assertionXml(f)}${assertionXml({ ...f, assertionId: '_two' })}</x:Two>`, 'saml_response_rejected'],
      // Not XML at all looks exactly like a failed decryption (no padding oracle, S-50).
      [(_f: ResponseFields) => 'just text', 'saml_decryption_failed'],
    ];
    for (const [plaintext, code] of plaintexts) {
      const login = await h.login('IT');
      const inner = encryptAssertion(plaintext(login.fields), rsaRecipient());
      const xml = responseXml({ ...login.fields }, inner);
      await expectRejected(h, xml, login, { status: 403, code });
    }
  });

  it('S-53 refuses RetrievalMethod and CipherReference, and never fetches anything', async () => {
    const variants = [
      (xml: string) => xml.replace('<ds:KeyInfo><xenc:EncryptedKey>', '<ds:KeyInfo><ds:RetrievalMethod URI="http://127.0.0.1:9/key"/><xenc:EncryptedKey>'),
      (xml: string) => xml.replace(/<xenc:CipherData><xenc:CipherValue>[^<]*<\/xenc:CipherValue><\/xenc:CipherData><\/xenc:EncryptedData>/, '<xenc:CipherData><xenc:CipherReference URI="http://127.0.0.1:9/data"/></xenc:CipherData></xenc:EncryptedData>'),
    ];
    for (const variant of variants) {
      const { login, xml } = await encrypted();
      const attack = variant(xml);
      assert.notEqual(attack, xml, 'variant applied');
      await expectRejected(h, attack, login, { status: 403, code: ['saml_algorithm_refused', 'saml_decryption_failed'] });
    }
  });

  it('refuses an assertion encrypted to a key that is not ours', async () => {
    const login = await h.login('IT');
    const foreign = h.idps.RS.certificatePem;
    await expectRejected(h, buildResponse(h.idps.IT, login.fields, { encryptFor: foreign }), login, { status: 403, code: 'saml_decryption_failed' });
  });
});
