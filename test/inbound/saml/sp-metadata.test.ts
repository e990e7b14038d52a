import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  allowedAlgorithms, parseXmlSecurely, strictEidasPolicy, verifyEnvelopedSignature,
} from '../../../src/inbound/saml/crypto/index.js';
import { testKeysDirectory } from '../../support/keys.js';
import { SamlHarness, frozenNow } from './support/harness.js';
import { child } from './support/xml-mutate.js';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const EIDAS = 'http://eidas.europa.eu/saml-extensions';
const ALG = 'urn:oasis:names:tc:SAML:metadata:algsupport';
const MDATTR = 'urn:oasis:names:tc:SAML:metadata:attribute';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** Issue 3 point 1: our signed, short-lived SP metadata with the eIDAS extensions. */
describe('SP metadata at /saml/metadata', () => {
  const h = new SamlHarness();
  let xml = '';
  let root: Element;
  before(async () => {
    await h.start();
    const response = await fetch(`${h.url}/saml/metadata`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/samlmetadata\+xml/);
    xml = await response.text();
    root = parseXmlSecurely(xml).documentElement!;
  });
  after(async () => { await h.stop(); });

  it('is an EntityDescriptor for our entityID, valid for metadataValiditySeconds, signed with our RSA signing key', () => {
    assert.equal(root.localName, 'EntityDescriptor');
    assert.equal(root.getAttribute('entityID'), 'http://127.0.0.1:3000/saml/metadata');
    assert.equal(root.getAttribute('validUntil'), new Date(frozenNow + h.ctx.config.saml.metadataValiditySeconds * 1000).toISOString());
    const verified = verifyEnvelopedSignature(root, [h.ctx.keystore.active('saml-signing', 'RSA').certificatePem!], strictEidasPolicy);
    assert.equal(verified.signedElement, root);
  });

  it('carries SPType, protocol versions, the application identifier and the strict profile\'s algorithms', () => {
    const extensions = child(root, MD, 'Extensions');
    assert.equal(child(extensions, EIDAS, 'SPType').textContent, 'public');
    const attributes = Object.fromEntries(Array.from(child(extensions, MDATTR, 'EntityAttributes').getElementsByTagNameNS(SAML, 'Attribute'))
      .map((a) => [a.getAttribute('Name'), a.getElementsByTagNameNS(SAML, 'AttributeValue')[0]!.textContent]));
    assert.equal(attributes['http://eidas.europa.eu/entity-attributes/protocol-version'], '1.4;1.3;1.2');
    assert.match(attributes['http://eidas.europa.eu/entity-attributes/application-identifier'] ?? '', /^Passerelle:\d+\.\d+\.\d+/);
    const strict = allowedAlgorithms(strictEidasPolicy);
    const listed = (name: string) => Array.from(extensions.getElementsByTagNameNS(ALG, name)).map((e) => e.getAttribute('Algorithm'));
    assert.deepEqual(listed('SigningMethod'), strict.signature);
    assert.deepEqual(listed('DigestMethod'), strict.digest);
    assert.ok(!listed('SigningMethod').some((a) => /sha1|rsa-sha256/.test(a ?? '')), 'no SHA-1, no PKCS#1 v1.5');
  });

  it('publishes an SPSSODescriptor that wants signed assertions, every signing and encryption certificate, and one HTTP-POST ACS', () => {
    const sp = child(root, MD, 'SPSSODescriptor');
    assert.equal(sp.getAttribute('AuthnRequestsSigned'), 'true');
    assert.equal(sp.getAttribute('WantAssertionsSigned'), 'true');
    const descriptors = Array.from(sp.getElementsByTagNameNS(MD, 'KeyDescriptor'));
    const certificates = (use: string) => descriptors.filter((d) => d.getAttribute('use') === use)
      .map((d) => d.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'X509Certificate')[0]!.textContent).sort();
    assert.deepEqual(certificates('signing'), h.ctx.keystore.published('saml-signing').map((k) => k.certificateBase64).sort());
    assert.deepEqual(certificates('encryption'), h.ctx.keystore.published('saml-encryption').map((k) => k.certificateBase64).sort());
    assert.equal(certificates('signing').length >= 2 && certificates('encryption').length >= 2, true, 'RSA and EC of each');
    const methods = descriptors.filter((d) => d.getAttribute('use') === 'encryption')
      .flatMap((d) => Array.from(d.getElementsByTagNameNS(MD, 'EncryptionMethod')).map((m) => m.getAttribute('Algorithm')));
    for (const expected of ['http://www.w3.org/2009/xmlenc11#aes256-gcm', 'http://www.w3.org/2009/xmlenc11#rsa-oaep', 'http://www.w3.org/2009/xmlenc11#ECDH-ES']) {
      assert.ok(methods.includes(expected), expected);
    }
    assert.ok(!methods.some((m) => /cbc|rsa-1_5/.test(m ?? '')), 'no CBC, no PKCS#1 v1.5 key transport');
    const formats = Array.from(sp.getElementsByTagNameNS(MD, 'NameIDFormat')).map((f) => f.textContent);
    assert.ok(formats.includes('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent'));
    const acs = Array.from(sp.getElementsByTagNameNS(MD, 'AssertionConsumerService'));
    assert.equal(acs.length, 1);
    assert.equal(acs[0]!.getAttribute('Binding'), 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST');
    assert.equal(acs[0]!.getAttribute('Location'), 'http://127.0.0.1:3000/saml/acs');
  });

  it('`npm run metadata` prints the same kind of signed document', async function () {
    this.timeout(60_000);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-md-cli-'));
    try {
      const config = path.join(dir, 'config.yaml');
      writeFileSync(config, [
        'publicUrl: https://passerelle.example', 'nodeCountry: DE',
        `keys: { directory: "${testKeysDirectory}", generateDevelopmentKeys: true }`,
        'secrets: { pairwiseSecret: test-pairwise-secret-0123456789abcdef, cookieKeys: [test-cookie-key-0123456789abcdefghijkl] }',
        'countries: [{ code: IT, names: { en: Italy }, languages: [it], idp: { metadataUrl: "https://idp.example/md" } }]',
      ].join('\n'));
      const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli/metadata.ts'], { env: { ...process.env, PASSERELLE_CONFIG: config } });
      const printed = parseXmlSecurely(stdout.trim()).documentElement!;
      assert.equal(printed.getAttribute('entityID'), 'https://passerelle.example/saml/metadata');
      verifyEnvelopedSignature(printed, [h.ctx.keystore.active('saml-signing', 'RSA').certificatePem!], strictEidasPolicy);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
