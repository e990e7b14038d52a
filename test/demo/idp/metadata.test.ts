import { strict as assert } from 'node:assert';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { createDemoIdpServer } from '../../../src/demo/idp/server.js';
import { saml } from '../../../src/demo/idp/samlify.js';
import { get } from './support/browser.js';
import { frozenNow, startHarness, type Harness } from './support/harness.js';
import { uris, verifyElementSignature } from './support/test-sp.js';

const md = 'urn:oasis:names:tc:SAML:2.0:metadata';

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml');
}

describe('demo national IdPs: metadata and keys', () => {
  let h: Harness;
  before(async () => { h = await startHarness(); });
  after(async () => { await h.close(); });

  it('publishes signed eIDAS IdP metadata: NodeCountry, both SSO bindings, signing certificate, assurance certification', async () => {
    const page = await get(`${h.server.url}/it/metadata`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /application\/samlmetadata\+xml/);
    assert.equal(verifyElementSignature(page.html, 'root', h.idpCertificate('IT')), uris.ecdsa);
    const doc = parse(page.html);
    const root = doc.documentElement!;
    assert.equal(root.getAttribute('entityID'), `${h.server.url}/it/metadata`);
    assert.equal(root.getAttribute('validUntil'), new Date(frozenNow + 86_400_000).toISOString());
    const idp = doc.getElementsByTagNameNS(md, 'IDPSSODescriptor')[0]!;
    assert.equal(idp.getAttribute('WantAuthnRequestsSigned'), 'true');
    assert.equal(doc.getElementsByTagNameNS('http://eidas.europa.eu/saml-extensions', 'NodeCountry')[0]?.textContent, 'IT');
    const sso = Array.from(doc.getElementsByTagNameNS(md, 'SingleSignOnService') as unknown as ArrayLike<Element>);
    assert.deepEqual(sso.map((e) => [e.getAttribute('Binding')!.split(':').pop(), e.getAttribute('Location')]),
      [['HTTP-Redirect', `${h.server.url}/it/sso`], ['HTTP-POST', `${h.server.url}/it/sso`]]);
    assert.match(page.html, /assurance-certification.*http:\/\/eidas\.europa\.eu\/LoA\/high/);
    assert.match(page.html, /Name="http:\/\/eidas\.europa\.eu\/attributes\/naturalperson\/PersonIdentifier"/);
    const cert = doc.getElementsByTagNameNS(md, 'KeyDescriptor')[0]!.textContent!.replace(/\s+/g, '');
    assert.ok(h.idpCertificate('IT').replace(/-----[^-]+-----|\s+/g, '').includes(cert));
  });

  it('is readable by samlify as an IdP entity', async () => {
    const entity = saml.IdentityProvider({ metadata: (await get(`${h.server.url}/de/metadata`)).html });
    assert.equal(entity.entityMeta.getEntityID(), `${h.server.url}/de/metadata`);
    assert.equal(entity.entityMeta.getSingleSignOnService('redirect'), `${h.server.url}/de/sso`);
  });

  it('publishes two signing certificates for ES (RSA signs, EC is published) and signs with RSA-PSS', async () => {
    const page = await get(`${h.server.url}/es/metadata`);
    assert.equal(parse(page.html).getElementsByTagNameNS(md, 'KeyDescriptor').length, 2);
    assert.equal(verifyElementSignature(page.html, 'root', h.idpCertificate('ES')), uris.rsaPss);
  });

  it('keeps private keys mode 0600 and reuses them on the next start', async () => {
    const keyFile = join(h.keysDirectory, 'it', 'signing-ec.key.pem');
    assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
    const again = await createDemoIdpServer({ keysDirectory: h.keysDirectory, port: 0, sp: h.sp.description, countries: ['IT'], now: () => frozenNow });
    try {
      const page = await get(`${again.url}/it/metadata`);
      assert.equal(verifyElementSignature(page.html, 'root', h.idpCertificate('IT')), uris.ecdsa);
    } finally {
      await again.close();
    }
  });

  it('answers unknown paths with a 404 page', async () => {
    const page = await get(`${h.server.url}/fr/metadata`);
    assert.equal(page.status, 404);
    assert.match(page.html, /<code>not_found<\/code>/);
  });
});
