import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import type * as client from 'openid-client';
import { samlConnector } from '../../../src/inbound/saml/index.js';
import type { OpenIdProvider } from '../../../src/outbound/oidc/index.js';
import type { Feature } from '../../../src/web/app.js';
import { promote, retire, rotate } from '../../../src/keys/rotation.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { testKeysDirectory, testKeystore } from '../../support/keys.js';
import { fullLogin, rpConfig } from './support/flow.js';
import { startOidcServer, type OidcTestServer } from './support/harness.js';
import { roundRobin } from './support/round-robin.js';

const dsig = 'http://www.w3.org/2000/09/xmldsig#';
const md = 'urn:oasis:names:tc:SAML:2.0:metadata';

/** What an instance's SP metadata publishes for signing, and which certificate signed it. */
async function spMetadata(instance: OidcTestServer): Promise<{ signingCertificates: string[]; signedBy: string }> {
  const xml = await (await fetch(`${instance.url}/saml/metadata`)).text();
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const descriptors = [...Array.from(doc.getElementsByTagNameNS(md, 'KeyDescriptor'))].filter((d) => d.getAttribute('use') === 'signing');
  const certificateOf = (element: Element) => element.getElementsByTagNameNS(dsig, 'X509Certificate')[0]!.textContent!.trim();
  const signature = Array.from(doc.documentElement!.childNodes).find((n) => (n as Element).localName === 'Signature') as Element;
  return { signingCertificates: descriptors.map(certificateOf), signedBy: certificateOf(signature) };
}

async function jwks(instance: OidcTestServer): Promise<JSONWebKeySet> {
  return await (await fetch(`${instance.url}/oidc/jwks`)).json() as JSONWebKeySet;
}

/**
 * The procedure of docs/operations.md, across two instances behind one load balancer and
 * one key directory: rotate (stage), every instance reloads, promote, every instance
 * reloads, retire. At each step no instance signs with a key that the other one does not
 * already publish, and a portal that fetched the JWKS before the promotion verifies the
 * ID tokens signed after it.
 */
describe(`Keys: staged rotation across two instances, without a restart (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite file'})`, () => {
  let database: TestDatabase;
  let directory: string;
  let a: OidcTestServer;
  let b: OidcTestServer;
  let balancer: Awaited<ReturnType<typeof roundRobin>>;
  let portal: client.Configuration;

  before(async () => {
    await testKeystore();
    directory = mkdtempSync(path.join(os.tmpdir(), 'passerelle-rotation-'));
    cpSync(testKeysDirectory, directory, { recursive: true });
    database = await createTestDatabase();
    balancer = await roundRobin(() => [a.url, b.url]);
    const withSaml = { extraFeatures: [(op: OpenIdProvider): Feature => (app, ctx) => samlConnector(ctx, op.handOff).feature(app, ctx)] };
    a = await startOidcServer({ db: database.db, publicUrl: balancer.url, keysDirectory: directory, ...withSaml });
    b = await startOidcServer({ db: database.reopen(), publicUrl: balancer.url, keysDirectory: directory, ...withSaml });
    portal = await rpConfig(`${balancer.url}/oidc`, 'kita');
  });
  after(async () => {
    await a.close();
    await b.close();
    await new Promise((resolve) => balancer.server.close(resolve));
    await database.cleanup();
    rmSync(directory, { recursive: true, force: true });
  });

  it('publishes a staged key everywhere before any instance signs with it, and retires the old one without a restart', async function () {
    this.timeout(120_000); // six logins and a dozen metadata and JWKS fetches across two instances
    const oldOidc = a.ctx.keystore.active('oidc-signing', 'RSA');
    const oldSaml = a.ctx.keystore.active('saml-signing', 'RSA');
    const first = await fullLogin(portal, 'kita');
    assert.equal(decodeProtectedHeader(first.tokens.id_token!).kid, oldOidc.kid);

    // 1. rotate: stage next keys; both instances pick them up, neither signs with them.
    const nextOidc = await rotate(directory, 'oidc-signing', 'RSA', 'passerelle.test');
    const nextSaml = await rotate(directory, 'saml-signing', 'RSA', 'passerelle.test');
    for (const instance of [a, b]) assert.ok(await instance.ctx.keystore.reload(), 'the keyring change is seen');
    const nextCertificate = a.ctx.keystore.byKid(nextSaml.kid)!.certificateBase64!;
    assert.equal(a.ctx.keystore.fingerprint, b.ctx.keystore.fingerprint);
    for (const instance of [a, b]) {
      assert.ok((await jwks(instance)).keys.some((k) => k.kid === nextOidc.kid), 'next oidc key in the JWKS');
      const metadata = await spMetadata(instance);
      assert.ok(metadata.signingCertificates.includes(nextCertificate) && metadata.signingCertificates.includes(oldSaml.certificateBase64!), 'both saml-signing certificates published');
      assert.equal(metadata.signedBy, oldSaml.certificateBase64, 'metadata still signed by the active key');
    }
    const staged = await fullLogin(portal, 'kita');
    assert.equal(decodeProtectedHeader(staged.tokens.id_token!).kid, oldOidc.kid, 'a next key signs nothing');
    const jwksBeforePromotion = await jwks(b);

    // 2. promote, and let only instance A see it: A signs with keys B has published all along.
    promote(directory, 'oidc-signing', 'RSA');
    promote(directory, 'saml-signing', 'RSA');
    await a.ctx.keystore.reload();
    assert.equal((await spMetadata(a)).signedBy, nextCertificate, 'A signs with the promoted key');
    assert.ok((await spMetadata(b)).signingCertificates.includes(nextCertificate), 'B, not reloaded, already publishes it');
    const mixed = await fullLogin(portal, 'kita');
    await jwtVerify(mixed.tokens.id_token!, createLocalJWKSet(jwksBeforePromotion));

    // 3. B follows; every ID token is now signed by the promoted key, the old one still verifies.
    await b.ctx.keystore.reload();
    const promoted = await fullLogin(portal, 'kita');
    assert.equal(decodeProtectedHeader(promoted.tokens.id_token!).kid, nextOidc.kid);
    await jwtVerify(promoted.tokens.id_token!, createLocalJWKSet(jwksBeforePromotion));
    for (const instance of [a, b]) {
      assert.ok((await jwks(instance)).keys.some((k) => k.kid === oldOidc.kid), 'old key still published for tokens it signed');
      assert.equal((await spMetadata(instance)).signedBy, nextCertificate);
    }

    // 4. retire the old keys: gone from JWKS and metadata on both instances.
    retire(directory, oldOidc.kid);
    retire(directory, oldSaml.kid);
    for (const instance of [a, b]) {
      await instance.ctx.keystore.reload();
      assert.ok(!(await jwks(instance)).keys.some((k) => k.kid === oldOidc.kid));
      const metadata = await spMetadata(instance);
      assert.ok(metadata.signingCertificates.includes(nextCertificate) && !metadata.signingCertificates.includes(oldSaml.certificateBase64!));
    }
  });
});
