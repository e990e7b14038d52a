import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildResponse } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness } from './support/harness.js';
import { createTestIdp, idpMetadataXml } from './support/test-idp.js';

/** S-54c: the keys that verify a Response are exactly those in the country's current metadata. */
describe('SAML ACS trusts only the keys of the current IdP metadata (S-54c)', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });

  it('during a key rollover accepts both listed keys; after it, only the new one', async () => {
    const next = await createTestIdp('IT', { keyName: 'idp-it-next', keyType: 'EC' });
    const file = path.join(h.dir, 'it.xml');
    writeFileSync(file, idpMetadataXml(h.idps.IT, { signingCertificatesBase64: [h.idps.IT.certificateBase64, next.certificateBase64] }));
    await h.connector.registry.refresh('IT');
    for (const signer of [h.idps.IT, next]) {
      const login = await h.login('IT');
      assert.equal((await h.post(buildResponse(h.idps.IT, login.fields, { assertionSigner: signer, responseSigner: signer }), login)).status, 200);
    }
    writeFileSync(file, idpMetadataXml(h.idps.IT, { signingCertificatesBase64: [next.certificateBase64] }));
    await h.connector.registry.refresh('IT');
    const login = await h.login('IT');
    await expectRejected(h, buildResponse(h.idps.IT, login.fields), login, { status: 403, code: 'saml_signature_invalid' });
    const again = await h.login('IT');
    assert.equal((await h.post(buildResponse(h.idps.IT, again.fields, { assertionSigner: next, responseSigner: next }), again)).status, 200);
  });
});
