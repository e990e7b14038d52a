import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConfigInput } from '../../../src/config/schema.js';
import { fixedClock } from '../../../src/core/clock.js';
import { IdpMetadataRegistry } from '../../../src/inbound/saml/index.js';
import { MetadataStore } from '../../../src/inbound/saml/metadata/metadata-store.js';
import type { FetchLike } from '../../../src/inbound/saml/metadata/read-metadata-source.js';
import { createLogger } from '../../../src/web/logger.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { createTestIdp, idpMetadataXml, signMetadata, testKey, type TestIdp } from './support/test-idp.js';

const metadataUrl = 'https://idp.it.test/metadata';

/** A metadata source over a fetch double: what it serves can change, a response can be held back, calls are counted. */
function source(initial: string) {
  let body = initial;
  let gate: Promise<void> | undefined;
  const served: string[] = [];
  const fetchImpl: FetchLike = async () => {
    const answer = body;
    await gate;
    served.push(answer);
    return new Response(answer, { status: 200, headers: { 'content-type': 'application/samlmetadata+xml' } });
  };
  return {
    fetchImpl, served,
    serve: (xml: string) => { body = xml; },
    hold: () => {
      let release!: () => void;
      gate = new Promise((resolve) => { release = resolve; });
      return () => { gate = undefined; release(); };
    },
  };
}

describe(`IdP metadata shared by instances through the database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite file'})`, () => {
  let database: TestDatabase;
  let dir: string;
  let idp: TestIdp;
  let next: TestIdp;
  const clock = fixedClock(Date.parse('2026-11-27T10:00:00Z'));

  before(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-md-shared-'));
    idp = await createTestIdp('IT');
    next = await createTestIdp('IT', { keyName: 'idp-it-next', keyType: 'EC' });
  });
  after(async () => {
    await database.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => { await database.db.knex('idp_metadata').delete(); });

  function instance(fetchImpl: FetchLike, options: { idp?: Record<string, unknown>; saml?: ConfigInput['saml']; db?: TestDatabase['db'] } = {}) {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({ level: 'info', destination: { write: (line: string) => { lines.push(JSON.parse(line) as Record<string, unknown>); } } });
    const config = testConfig({
      countries: [{ code: 'IT', names: { en: 'Italy' }, languages: ['it'], idp: { metadataUrl, ...options.idp } as never }],
      ...(options.saml ? { saml: options.saml } : {}),
    }).config;
    const registry = new IdpMetadataRegistry({ config, baseDir: dir, clock, logger, fetchImpl, retryAfterMs: 0, store: new MetadataStore(options.db ?? database.db) });
    return { registry, lines };
  }

  it('a refresh asked for while a load is under way answers with a load that began after it (the rollover race)', async () => {
    const it = source(idpMetadataXml(idp));
    const { registry } = instance(it.fetchImpl);
    await registry.get('IT');
    const release = it.hold();
    const early = registry.refresh('IT'); // reads the old document, then waits
    it.serve(idpMetadataXml(idp, { signingCertificatesBase64: [idp.certificateBase64, next.certificateBase64] }));
    const asked = registry.refresh('IT'); // asked after the IdP published its next key
    release();
    await Promise.all([early, asked]);
    assert.equal(registry.peek('IT')?.signingCertificates.length, 2, 'the refresh saw the document published before it was asked for');
    assert.equal(it.served.length, 3);
  });

  it('one instance fetches, the other adopts its copy from the database without reaching the IdP', async () => {
    const it = source(idpMetadataXml(idp));
    const a = instance(it.fetchImpl);
    const unreachable: FetchLike = async () => { throw new Error('connection refused'); };
    const b = instance(unreachable, { db: database.reopen() });
    await a.registry.get('IT');
    assert.equal((await b.registry.get('IT')).digest, a.registry.peek('IT')!.digest, 'B starts with what A fetched');
    it.serve(idpMetadataXml(idp, { signingCertificatesBase64: [idp.certificateBase64, next.certificateBase64] }));
    clock.advance(1_000);
    await a.registry.refresh('IT');
    await b.registry.syncFromStore();
    assert.equal(b.registry.peek('IT')?.signingCertificates.length, 2, 'B follows A\'s refresh at its next look');
    assert.ok(b.lines.some((l) => l.msg === 'identity provider metadata changed'));
  });

  it('checks a stored copy as if it had fetched it: metadata altered in the database is refused', async () => {
    const signer = await testKey('metadata-signer');
    writeFileSync(path.join(dir, 'signer.crt.pem'), signer.certificatePem);
    const signed = signMetadata(idpMetadataXml(idp, { id: '_shared' }), signer, '_shared');
    const it = source(signed);
    const a = instance(it.fetchImpl, { idp: { metadataSigningCertificates: ['signer.crt.pem'] } });
    await a.registry.get('IT');
    const tampered = signed.replace(idp.certificateBase64, next.certificateBase64);
    await database.db.knex('idp_metadata').where({ country: 'IT' }).update({ xml: tampered, digest: 'f'.repeat(64), fetched_at: clock.now() + 1 });
    const b = instance(async () => { throw new Error('unreachable'); }, { idp: { metadataSigningCertificates: ['signer.crt.pem'] } });
    await assert.rejects(b.registry.get('IT'), /metadata_unavailable|no usable metadata/);
    assert.ok(b.lines.some((l) => l.msg === 'stored identity provider metadata refused' && l.code === 'metadata_invalid'));
  });

  it('a signature by an unlisted key looks for newer metadata: the database first, then the IdP, at most once per interval', async () => {
    const it = source(idpMetadataXml(idp));
    const a = instance(it.fetchImpl, { saml: { unknownKeyRefreshSeconds: 3600 } });
    const seen = await a.registry.get('IT');
    assert.equal(await a.registry.refreshForUnknownKey('IT', seen), undefined, 'nothing newer anywhere');
    assert.equal(it.served.length, 2, 'the IdP was asked once');
    it.serve(idpMetadataXml(idp, { signingCertificatesBase64: [next.certificateBase64] }));
    assert.equal(await a.registry.refreshForUnknownKey('IT', seen), undefined, 'within the interval the IdP is not asked again');
    assert.equal(it.served.length, 2);

    const other = source(idpMetadataXml(idp, { signingCertificatesBase64: [next.certificateBase64] }));
    const b = instance(other.fetchImpl, { db: database.reopen() });
    clock.advance(1_000);
    await b.registry.refresh('IT');
    const newer = await a.registry.refreshForUnknownKey('IT', seen);
    assert.deepEqual(newer?.signingFingerprints, b.registry.peek('IT')?.signingFingerprints, 'A took B\'s newer copy from the database');
    assert.equal(it.served.length, 2, 'without asking the IdP');
  });
});
