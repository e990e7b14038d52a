import assert from 'node:assert/strict';
import { algorithms } from '../../../src/inbound/saml/crypto/index.js';
import { declaresProtocol14 } from '../../../src/inbound/saml/metadata/protocol-versions.js';
import { buildResponse } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness } from './support/harness.js';

/**
 * eIDAS protocol 1.4 (issue 10, item 4): we read the protocol-version an IdP declares; an IdP declaring 1.4
 * must not use rsa-oaep-mgf1p key transport (eIDAS-Node 2.8+ ProtocolEngine.checkKeyTransportAlgorithm).
 */
describe('SAML ACS under eIDAS protocol 1.4', () => {
  const h = new SamlHarness();
  // IT: the eIDAS-Node form (one value); ES: one value per version, up to 1.3; RS: says nothing.
  before(async () => { await h.start({ metadata: { IT: { protocolVersions: ['1.4;1.3;1.2'] }, ES: { protocolVersions: ['1.3', '1.2'] } } }); });
  after(async () => { await h.stop(); });
  const rsaRecipient = () => h.ctx.keystore.active('saml-encryption', 'RSA').certificatePem!;

  it('reads the protocol versions from the IdP metadata in both forms', async () => {
    assert.deepEqual((await h.connector.registry.get('IT')).protocolVersions, ['1.4', '1.3', '1.2']);
    assert.deepEqual((await h.connector.registry.get('ES')).protocolVersions, ['1.3', '1.2']);
    assert.deepEqual((await h.connector.registry.get('RS')).protocolVersions, []);
    assert.equal(declaresProtocol14(['1.4', '1.3']), true);
    assert.equal(declaresProtocol14(['1.10']), true);
    assert.equal(declaresProtocol14(['2.0']), true);
    assert.equal(declaresProtocol14(['1.3', '1.2']), false);
    assert.equal(declaresProtocol14([]), false);
  });

  it('refuses rsa-oaep-mgf1p key transport from an IdP declaring 1.4, before any decryption, with nothing stored', async () => {
    const login = await h.login('IT');
    const xml = buildResponse(h.idps.IT, login.fields, { encryptFor: rsaRecipient(), encryption: { keyTransport: algorithms.rsaOaepMgf1p } });
    await expectRejected(h, xml, login, { status: 403, code: 'saml_algorithm_refused' });
  });

  it('accepts xmlenc11#rsa-oaep (MGF1-SHA256) from the same IdP', async () => {
    const login = await h.login('IT');
    const response = await h.post(buildResponse(h.idps.IT, login.fields, { encryptFor: rsaRecipient(), encryption: { keyTransport: algorithms.rsaOaep } }), login);
    assert.equal(response.status, 200, response.text.slice(0, 300));
  });

  it('still accepts rsa-oaep-mgf1p from an IdP declaring only 1.3 and 1.2, and from one declaring nothing', async () => {
    for (const country of ['ES', 'RS'] as const) {
      const login = await h.login(country);
      const response = await h.post(buildResponse(h.idps[country], login.fields, { encryptFor: rsaRecipient(), encryption: { keyTransport: algorithms.rsaOaepMgf1p } }), login);
      assert.equal(response.status, 200, `${country}: ${response.text.slice(0, 300)}`);
    }
  });
});
