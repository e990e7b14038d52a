import assert from 'node:assert/strict';
import type { KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildResponse } from './support/response-builder.js';
import { SamlHarness } from './support/harness.js';
import { idpMetadataXml, signMetadata, testKey } from './support/test-idp.js';

/**
 * Metadata signer rollover (issue 10, item 4): while the operator configures the old and the new metadata
 * signing certificate, metadata signed by either is trusted and logins keep working across refreshes in both
 * directions; once the old one is removed, metadata it signed is no longer trusted.
 */
describe('SAML logins through an IdP metadata signer rollover', () => {
  const h = new SamlHarness();
  let oldSigner: Awaited<ReturnType<typeof testKey>>;
  let newSigner: Awaited<ReturnType<typeof testKey>>;
  const file = (name: string) => path.join(h.dir, name);

  before(async () => {
    oldSigner = await testKey('md-signer-old');
    newSigner = await testKey('md-signer-new', 'EC');
    writeFileSync(file('old.crt.pem'), oldSigner.certificatePem);
    writeFileSync(file('new.crt.pem'), newSigner.certificatePem);
    await h.start({
      countries: (metadataFile) => [
        { code: 'IT', names: { en: 'Italy' }, languages: ['it'], idp: { metadataFile: metadataFile('IT'), metadataSigningCertificates: [file('old.crt.pem'), file('new.crt.pem')] } },
        { code: 'ES', names: { en: 'Spain' }, languages: ['es'], idp: { metadataFile: metadataFile('ES'), metadataSigningCertificates: [file('old.crt.pem')] } },
      ],
    });
  });
  after(async () => { await h.stop(); });

  const publish = (country: 'IT' | 'ES', signer: { signingKey: KeyObject }) =>
    writeFileSync(file(`${country.toLowerCase()}.xml`), signMetadata(idpMetadataXml(h.idps[country], { id: `_md-${country}` }), signer, `_md-${country}`));

  async function logsIn(country: 'IT' | 'ES'): Promise<boolean> {
    try {
      const login = await h.login(country);
      return (await h.post(buildResponse(h.idps[country], login.fields), login)).status === 200;
    } catch {
      return false;
    }
  }

  it('during the overlap, accepts metadata signed by the new signer, then by the old one again, without a failed login', async () => {
    for (const signer of [newSigner, oldSigner, newSigner]) {
      publish('IT', signer);
      await h.connector.registry.refresh('IT');
      assert.equal((await h.connector.registry.get('IT')).metadataSigned, true);
      assert.equal(await logsIn('IT'), true);
    }
  });

  it('after the overlap, a country that trusts only one signer refuses metadata the other signed', async () => {
    publish('ES', newSigner);
    await h.connector.registry.refresh('ES');
    assert.equal(await logsIn('ES'), false, 'metadata signed by a signer not (or no longer) configured is not trusted');
    publish('ES', oldSigner);
    await h.connector.registry.refresh('ES');
    assert.equal(await logsIn('ES'), true);
  });
});
