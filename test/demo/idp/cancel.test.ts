import { strict as assert } from 'node:assert';
import { finishLogin, startHarness, startLogin, type Harness } from './support/harness.js';
import { responseFacts } from './support/read-response.js';
import { spAcsUrl, uris, verifyElementSignature } from './support/test-sp.js';

describe('demo national IdPs: cancel', () => {
  let h: Harness;
  before(async () => { h = await startHarness({ countries: ['IT', 'RS'] }); });
  after(async () => { await h.close(); });

  for (const [cc, algorithm] of [['IT', uris.ecdsa], ['RS', uris.rsaSha256]] as const) {
    it(`${cc}: Cancel posts a signed Responder/AuthnFailed Response without assertion, same InResponseTo and RelayState`, async () => {
      const login = await startLogin(h, cc, { request: { id: `_cancel-${cc}` }, relayState: 'keep-me' });
      const done = await finishLogin(h, cc, login, { cancel: true });
      assert.equal(done.action, spAcsUrl);
      assert.equal(done.relayState, 'keep-me');
      const facts = responseFacts(done.responseXml);
      assert.deepEqual(facts.statusCodes, ['urn:oasis:names:tc:SAML:2.0:status:Responder', 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed']);
      assert.equal(facts.plainAssertions + facts.encryptedAssertions, 0);
      assert.equal(facts.inResponseTo, `_cancel-${cc}`);
      assert.equal(facts.destination, spAcsUrl);
      assert.equal(verifyElementSignature(done.responseXml, 'root', h.idpCertificate(cc)), algorithm);
    });
  }

  it('with cancelStatus RequestDenied, Cancel answers Responder/RequestDenied', async () => {
    const other = await startHarness({ countries: ['DE'], cancelStatus: 'RequestDenied' }, h.sp);
    try {
      const done = await finishLogin(other, 'DE', await startLogin(other, 'DE'), { cancel: true });
      assert.deepEqual(responseFacts(done.responseXml).statusCodes, ['urn:oasis:names:tc:SAML:2.0:status:Responder', 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied']);
    } finally {
      await other.close();
    }
  });

  it('a login can be answered once: the same login form posted again is refused', async () => {
    const login = await startLogin(h, 'IT');
    await finishLogin(h, 'IT', login, { cancel: true });
    await assert.rejects(finishLogin(h, 'IT', login, { citizen: 'it-giulia-rossi' }), /status 400/);
  });
});
