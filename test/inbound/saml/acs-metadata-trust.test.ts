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
  // Every unknown key may reload at once here; the once-per-interval limit has its own test (metadata-shared.test.ts).
  before(async () => { await h.start({ saml: { unknownKeyRefreshSeconds: 0 } }); });
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

  it('after an IdP key rollover our copy has not seen, the first Response by the new key reloads the metadata once and is accepted; a forged one is still refused', async () => {
    const later = await createTestIdp('IT', { keyName: 'idp-it-later', keyType: 'EC' });
    const attacker = await createTestIdp('IT', { keyName: 'idp-it-attacker' });
    writeFileSync(path.join(h.dir, 'it.xml'), idpMetadataXml(h.idps.IT, { signingCertificatesBase64: [later.certificateBase64] }));
    const login = await h.login('IT');
    const accepted = await h.post(buildResponse(h.idps.IT, login.fields, { assertionSigner: later, responseSigner: later }), login);
    assert.equal(accepted.status, 200);
    assert.deepEqual(h.connector.registry.peek('IT')?.signingCertificates.length, 1);
    const forged = await h.login('IT');
    await expectRejected(h, buildResponse(h.idps.IT, forged.fields, { assertionSigner: attacker, responseSigner: attacker }), forged, { status: 403, code: 'saml_signature_invalid' });
  });
});
