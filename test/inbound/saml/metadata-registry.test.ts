import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConfigInput } from '../../../src/config/schema.js';
import { fixedClock } from '../../../src/core/clock.js';
import { isPasserelleError } from '../../../src/core/errors.js';
import { IdpMetadataRegistry } from '../../../src/inbound/saml/index.js';
import { createLogger } from '../../../src/web/logger.js';
import { testConfig } from '../../support/config.js';
import { vectorsDir } from './crypto/support/paths.js';
import { createTestIdp, idpMetadataXml, signMetadata, testKey, type TestIdp } from './support/test-idp.js';

const now = Date.parse('2026-11-27T10:00:00.000Z');

/** Log lines the registry writes, captured for assertions. */
function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } } });
  return { logger, lines };
}

async function rejects(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => isPasserelleError(error) && error.code === code);
}

describe('IdP metadata registry', () => {
  let dir: string;
  let idp: TestIdp;
  let metadataSigner: Awaited<ReturnType<typeof testKey>>;
  let nextSigner: Awaited<ReturnType<typeof testKey>>;
  const file = (name: string) => path.join(dir, name);
  const clock = fixedClock(now);

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-md-'));
    idp = await createTestIdp('IT');
    metadataSigner = await testKey('metadata-signer');
    nextSigner = await testKey('metadata-signer-next', 'EC');
    writeFileSync(file('signer.crt.pem'), metadataSigner.certificatePem);
    writeFileSync(file('next.crt.pem'), nextSigner.certificatePem);
    writeFileSync(file('both.crt.pem'), metadataSigner.certificatePem + nextSigner.certificatePem);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => clock.set(now));

  function registry(idpConfig: Record<string, unknown>, code = 'IT', extra: Partial<ConfigInput> = {}) {
    const { logger, lines } = capturingLogger();
    const config = testConfig({ countries: [{ code, names: { en: code }, languages: ['en'], idp: idpConfig as never }], ...extra }).config;
    return { registry: new IdpMetadataRegistry({ config, baseDir: dir, clock, logger, retryAfterMs: 0 }), lines };
  }

  it('reads entityID, SSO endpoints per binding, signing certificates, NodeCountry and supported attributes from a file', async () => {
    writeFileSync(file('it.xml'), idpMetadataXml(idp));
    const { registry: r, lines } = registry({ metadataFile: file('it.xml') });
    const md = await r.get('IT');
    assert.equal(md.entityId, idp.entityId);
    assert.deepEqual(md.ssoServices, { post: idp.ssoUrl, redirect: idp.ssoUrl });
    assert.equal(md.signingCertificates.length, 1);
    assert.equal(md.nodeCountry, 'IT');
    assert.deepEqual(md.supportedAttributes, ['http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier']);
    assert.equal(md.metadataSigned, false);
    assert.ok(lines.some((l) => l.msg === 'identity provider metadata loaded: country added' && l.country === 'IT'));
  });

  it('accepts signed metadata when a metadata signing certificate is configured', async () => {
    writeFileSync(file('signed.xml'), signMetadata(idpMetadataXml(idp, { id: '_md1' }), metadataSigner, '_md1'));
    const { registry: r } = registry({ metadataFile: file('signed.xml'), metadataSigningCertificates: ['signer.crt.pem'] });
    assert.equal((await r.get('IT')).metadataSigned, true);
  });

  it('refuses unsigned metadata, tampered metadata and metadata signed by another key when a signing certificate is configured', async () => {
    const signed = signMetadata(idpMetadataXml(idp, { id: '_md2' }), metadataSigner, '_md2');
    const variants = {
      unsigned: idpMetadataXml(idp, { id: '_md2' }),
      tampered: signed.replace(idp.ssoUrl, 'https://evil.example/sso'),
      otherKey: signMetadata(idpMetadataXml(idp, { id: '_md2' }), await testKey('attacker'), '_md2'),
    };
    for (const [name, xml] of Object.entries(variants)) {
      writeFileSync(file(`${name}.xml`), xml);
      const { registry: r, lines } = registry({ metadataFile: file(`${name}.xml`), metadataSigningCertificates: ['signer.crt.pem'] });
      await rejects(r.get('IT'), 'metadata_unavailable');
      assert.ok(lines.some((l) => l.code === 'metadata_invalid'), `${name}: logged as invalid`);
    }
  });

  it('refuses metadata that is not well-formed XML 1.0 (a reference to U+0001, an empty prefix binding, a stray end tag)', async () => {
    const good = idpMetadataXml(idp);
    const variants = {
      controlReference: good.replace('<md:IDPSSODescriptor', '<md:Organization><md:OrganizationName xml:lang="en">x&#1;</md:OrganizationName></md:Organization><md:IDPSSODescriptor'),
      emptyPrefix: good.replace('<md:IDPSSODescriptor', '<md:IDPSSODescriptor xmlns:p=""'),
      strayEndTag: good.replace('</md:IDPSSODescriptor>', '</md:IDPSSODescriptor></md:Extensions>'),
    };
    for (const [name, xml] of Object.entries(variants)) {
      writeFileSync(file(`${name}.xml`), xml);
      const { registry: r, lines } = registry({ metadataFile: file(`${name}.xml`) });
      await rejects(r.get('IT'), 'metadata_unavailable');
      assert.ok(lines.some((l) => l.code === 'metadata_invalid'), `${name}: logged as invalid`);
    }
  });

  it('accepts either of two configured signing certificates during a rollover (two files, or one file with both)', async () => {
    for (const signer of [metadataSigner, nextSigner]) {
      writeFileSync(file('rollover.xml'), signMetadata(idpMetadataXml(idp, { id: '_md3' }), signer, '_md3'));
      for (const certificates of [['signer.crt.pem', 'next.crt.pem'], ['both.crt.pem']]) {
        const { registry: r } = registry({ metadataFile: file('rollover.xml'), metadataSigningCertificates: certificates });
        assert.equal((await r.get('IT')).metadataSigned, true);
      }
    }
    const { registry: r } = registry({ metadataFile: file('rollover.xml'), metadataSigningCertificates: ['signer.crt.pem'] });
    await rejects(r.get('IT'), 'metadata_unavailable');
  });

  it('refuses metadata whose validUntil has passed, and NodeCountry of another country', async () => {
    writeFileSync(file('expired.xml'), idpMetadataXml(idp, { validUntil: '2026-11-27T09:59:59Z' }));
    await rejects(registry({ metadataFile: file('expired.xml') }).registry.get('IT'), 'metadata_unavailable');
    writeFileSync(file('wrong-country.xml'), idpMetadataXml(idp, { nodeCountry: 'FR' }));
    await rejects(registry({ metadataFile: file('wrong-country.xml') }).registry.get('IT'), 'metadata_unavailable');
  });

  it('keeps the last good copy when a refresh fails, until that copy\'s validUntil', async () => {
    writeFileSync(file('refresh.xml'), idpMetadataXml(idp, { validUntil: '2026-11-28T10:00:00Z' }));
    const { registry: r, lines } = registry({ metadataFile: file('refresh.xml') });
    const first = await r.get('IT');
    writeFileSync(file('refresh.xml'), '<not-metadata/>');
    await r.refresh('IT');
    assert.equal(await r.get('IT'), first, 'the last good copy is still served');
    assert.ok(lines.some((l) => l.keepingLastGoodCopy === true));
    clock.set('2026-11-28T10:00:01Z');
    await rejects(r.get('IT'), 'metadata_unavailable');
    assert.ok(lines.some((l) => l.msg === 'identity provider metadata expired: country removed'));
  });

  it('refreshes after cacheDuration and logs a change without personal data', async () => {
    writeFileSync(file('cache.xml'), idpMetadataXml(idp, { cacheDuration: 'PT10M' }));
    const { registry: r, lines } = registry({ metadataFile: file('cache.xml') });
    assert.deepEqual((await r.get('IT')).ssoServices, { post: idp.ssoUrl, redirect: idp.ssoUrl });
    writeFileSync(file('cache.xml'), idpMetadataXml(idp, { cacheDuration: 'PT10M', bindings: ['redirect'] }));
    clock.advance(11 * 60_000);
    await r.get('IT'); // stale: serves the current copy and refreshes in the background
    await r.refresh('IT');
    assert.deepEqual(r.peek('IT')?.ssoServices, { redirect: idp.ssoUrl });
    const changed = lines.find((l) => l.msg === 'identity provider metadata changed');
    assert.ok(changed);
    assert.deepEqual(Object.keys(changed).filter((k) => !['level', 'time', 'service', 'msg'].includes(k)).sort(), ['country', 'entityId', 'signed', 'signingCertificates']);
  });

  it('starts its schedule with an unref\'d timer and stops it', async () => {
    writeFileSync(file('timer.xml'), idpMetadataXml(idp));
    const { registry: r } = registry({ metadataFile: file('timer.xml') }, 'IT', { saml: { metadataRefreshSeconds: 30 } });
    r.start();
    r.stop();
    assert.ok(r.countries().includes('IT'));
  });

  describe('over HTTP', () => {
    let server: Server;
    let base = '';
    let answer: (path: string) => { status: number; body?: string; headers?: Record<string, string> } = () => ({ status: 503 });
    before(async () => {
      server = createServer((req, res) => {
        const a = answer(req.url ?? '');
        res.writeHead(a.status, a.headers ?? {});
        res.end(a.body ?? '');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise((resolve) => server.close(resolve)));

    it('loads lazily: an IdP that starts after us is picked up by the next login', async () => {
      answer = () => ({ status: 503 });
      const { registry: r } = registry({ metadataUrl: `${base}/it/metadata`, allowInsecureMetadataUrl: true });
      await rejects(r.get('IT'), 'metadata_unavailable');
      answer = () => ({ status: 200, body: idpMetadataXml(idp) });
      assert.equal((await r.get('IT')).entityId, idp.entityId);
    });

    it('refuses plain HTTP unless the country allows it', async () => {
      answer = () => ({ status: 200, body: idpMetadataXml(idp) });
      await rejects(registry({ metadataUrl: `${base}/it/metadata` }).registry.get('IT'), 'metadata_unavailable');
    });

    it('follows a redirect on the same origin, refuses one to another host', async () => {
      answer = (p) => (p === '/old' ? { status: 302, headers: { location: '/it/metadata' } } : { status: 200, body: idpMetadataXml(idp) });
      assert.equal((await registry({ metadataUrl: `${base}/old`, allowInsecureMetadataUrl: true }).registry.get('IT')).entityId, idp.entityId);
      answer = () => ({ status: 302, headers: { location: 'http://localhost:1/elsewhere' } });
      await rejects(registry({ metadataUrl: `${base}/old`, allowInsecureMetadataUrl: true }).registry.get('IT'), 'metadata_unavailable');
    });

    it('refuses metadata larger than the size limit', async () => {
      answer = () => ({ status: 200, body: idpMetadataXml(idp).replace('<md:IDPSSODescriptor', `<!--${'x'.repeat(3 * 1024 * 1024)}--><md:IDPSSODescriptor`) });
      await rejects(registry({ metadataUrl: `${base}/big`, allowInsecureMetadataUrl: true }).registry.get('IT'), 'metadata_unavailable');
    });
  });

  describe('EU eIDAS-Node metadata (independent signer: RSA-PSS SHA-384, Reference URI="")', () => {
    const copy = () => readFileSync(path.join(vectorsDir, 'metadata/ServiceMetadata.xml'), 'utf8');
    beforeEach(() => {
      clock.set('2020-03-20T12:00:00Z');
      writeFileSync(file('eu-signer.crt.pem'), readFileSync(path.join(vectorsDir, 'keys/metadata_metadata-signing.crt.pem')));
    });

    it('verifies the whole-document signature with the configured certificate and reads the proxy-service', async () => {
      writeFileSync(file('eu.xml'), copy());
      const { registry: r } = registry({ metadataFile: file('eu.xml'), metadataSigningCertificates: ['eu-signer.crt.pem'] }, 'CA');
      const md = await r.get('CA');
      assert.equal(md.entityId, 'http://localhost:8080/EidasNode/ServiceMetadata');
      assert.equal(md.nodeCountry, 'CA');
      assert.equal(md.ssoServices.post, 'http://cef-eid-build-1:8080/EidasNode/ColleagueRequest');
      assert.ok(md.supportedAttributes.length >= 30);
      assert.equal(md.validUntil, Date.parse('2020-03-21T13:33:58.823Z'));
    });

    it('refuses the same document with one byte changed, and after its validUntil', async () => {
      writeFileSync(file('eu-tampered.xml'), copy().replace('ColleagueRequest', 'ColleagueRequesu'));
      await rejects(registry({ metadataFile: file('eu-tampered.xml'), metadataSigningCertificates: ['eu-signer.crt.pem'] }, 'CA').registry.get('CA'), 'metadata_unavailable');
      writeFileSync(file('eu.xml'), copy());
      clock.set('2020-03-22T00:00:00Z');
      await rejects(registry({ metadataFile: file('eu.xml'), metadataSigningCertificates: ['eu-signer.crt.pem'] }, 'CA').registry.get('CA'), 'metadata_unavailable');
    });
  });
});
