import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader, type JWK } from 'jose';
import { promote, rotate } from '../../../src/keys/rotation.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { testKeysDirectory, testKeystore } from '../../support/keys.js';
import { fullLogin, rpConfig } from './support/flow.js';
import { startOidcServer, type OidcTestServer } from './support/harness.js';

describe('OpenID Provider: signing keys from the keystore, rotation-aware', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  let directory: string;
  let newKid: string;

  before(async () => {
    await testKeystore();
    database = await createTestDatabase();
    directory = mkdtempSync(path.join(os.tmpdir(), 'passerelle-oidc-keys-'));
    cpSync(testKeysDirectory, directory, { recursive: true });
    newKid = (await rotate(directory, 'oidc-signing', 'RSA', 'passerelle.test')).kid;
    promote(directory, 'oidc-signing', 'RSA');
    server = await startOidcServer({ db: database.db, keysDirectory: directory });
  });
  after(async () => {
    await server.close();
    await database.cleanup();
    rmSync(directory, { recursive: true, force: true });
  });

  it('publishes exactly the keystore\'s oidc-signing keys (the rotated-out one too) and signs with the new active key', async () => {
    const published = await (await fetch(server.issuer + '/jwks')).json() as { keys: JWK[] };
    const expected = server.ctx.keystore.publicJwks('oidc-signing').keys.map((k) => k.kid).sort();
    assert.deepEqual(published.keys.map((k) => k.kid).sort(), expected);
    assert.equal(published.keys.filter((k) => k.kty === 'RSA').length, 2);
    const config = await rpConfig(server.issuer, 'kita');
    const { tokens } = await fullLogin(config, 'kita');
    assert.equal(decodeProtectedHeader(tokens.id_token!).kid, newKid);
  });
});
