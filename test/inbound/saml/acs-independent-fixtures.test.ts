import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashBinding } from '../../../src/inbound/saml/browser-binding.js';
import { SamlHarness } from './support/harness.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/saml/independent');
const readFixture = (name: string) => readFileSync(path.join(fixtures, name), 'utf8');
const certificateBase64 = (name: string) => new X509Certificate(readFixture(`keys/${name}.crt.pem`)).raw.toString('base64');

/**
 * Responses signed and encrypted by implementations that share no code with Passerelle
 * (Apache Santuario, xmlsec1, pyca; test/fixtures/saml/independent/README.md), fed through the
 * whole ACS: RSA-PSS and ECDSA signatures, each with an encrypted assertion, are accepted.
 */
describe('SAML ACS accepts responses from independent implementations (Santuario, xmlsec1, pyca)', () => {
  const h = new SamlHarness();
  const keysDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-fixture-keys-'));
  const cookieValue = 'f'.repeat(43);
  const relayState = 'fixture-relay-state';

  before(async () => {
    // Our saml-encryption keys are the fixtures' SP keys; every other purpose gets development keys.
    const ring = [['sp-rsa3072-encryption', 'RSA'], ['sp-p256-encryption', 'EC']].map(([name, type]) => {
      copyFileSync(path.join(fixtures, `keys/${name}.key.pem`), path.join(keysDir, `${name}.key.pem`));
      copyFileSync(path.join(fixtures, `keys/${name}.crt.pem`), path.join(keysDir, `${name}.crt.pem`));
      return { kid: name!, purpose: 'saml-encryption', type, status: 'active', createdAt: '2026-01-01T00:00:00.000Z', development: true,
        privateKeyFile: `${name}.key.pem`, certificateFile: `${name}.crt.pem` };
    });
    writeFileSync(path.join(keysDir, 'keyring.json'), JSON.stringify({ keys: ring }));
    const metadata = path.join(keysDir, 'idp-test.xml');
    writeFileSync(metadata, '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.test/metadata">'
      + '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
      + ['idp-rsa3072-signing', 'idp-p256-signing'].map((name) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBase64(name)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`).join('')
      + '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.test/sso"/>'
      + '</md:IDPSSODescriptor></md:EntityDescriptor>');
    await h.start({
      now: Date.parse('2026-01-15T10:01:00Z'),
      keys: { directory: keysDir, generateDevelopmentKeys: true },
      countries: () => [{ code: 'IT', names: { en: 'Italy' }, languages: ['it'], idp: { metadataFile: metadata } }],
    });
  });
  after(async () => {
    await h.stop();
    rmSync(keysDir, { recursive: true, force: true });
  });

  /** The pending request the fixtures answer, as if this browser had started it. */
  async function seedPendingRequest(): Promise<void> {
    const knex = h.database.db.knex;
    await knex('saml_requests').where({ id: '_fixture-request-1' }).delete();
    await knex('saml_requests').insert({
      id: '_fixture-request-1', country: 'IT', flow_id: 'fixture-flow', requested_loa: 'substantial',
      browser_binding: hashBinding(cookieValue), relay_state: relayState,
      requested_attributes: JSON.stringify([{ name: 'personIdentifier', required: true }]),
      created_at: Date.parse('2026-01-15T09:59:00Z'), expires_at: Date.parse('2026-01-15T10:09:00Z'),
    });
  }

  const files = [
    'response.rsa-pss-sha256.rsa3072.aes256-gcm.rsa-oaep.xml',
    'response.rsa-pss-sha256.rsa3072.unencrypted.xml',
    'response.ecdsa-sha256.p256.aes256-gcm.rsa-oaep.xml',
    'response.ecdsa-sha256.p256.unencrypted.xml',
    'response.ecdsa-sha256.p256.xmlsec1.aes256-gcm.ecdh-es-p256-kw-aes256.xml',
    'response.ecdsa-sha256.p256.xmlsec1.aes128-gcm.rsa-oaep-mgf1p-sha256.xml',
  ];
  for (const file of files) {
    it(`accepts ${file}`, async () => {
      await seedPendingRequest();
      const response = await h.post(readFixture(file), { cookie: `passerelle_saml=${cookieValue}`, relayState });
      assert.equal(response.status, 200, response.text.slice(0, 400));
      const citizen = h.handOff.succeeded.at(-1)!.citizen;
      assert.equal(citizen.personIdentifier, 'IT/DE/ABC123');
      assert.equal(citizen.familyName, 'Rossi');
      assert.equal(citizen.dateOfBirth, '1985-04-12');
      assert.equal(citizen.loa, 'substantial');
      assert.equal(citizen.source.issuer, 'https://idp.test/metadata');
    });
  }

  it('refuses an independent fixture once its one byte of signed content is changed', async () => {
    await seedPendingRequest();
    const tampered = readFixture('response.rsa-pss-sha256.rsa3072.unencrypted.xml').replace('>Rossi<', '>Rosso<');
    const response = await h.post(tampered, { cookie: `passerelle_saml=${cookieValue}`, relayState });
    assert.equal(response.status, 403);
  });
});
