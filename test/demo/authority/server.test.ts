import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateIssuerKey } from '../../../src/demo/authority/issuer-keys.js';
import { createDemoAuthorityServer } from '../../../src/demo/authority/server.js';

describe('demo authorities server', () => {
  let keysDirectory: string;
  beforeEach(() => { keysDirectory = mkdtempSync(path.join(os.tmpdir(), 'passerelle-authority-keys-')); });
  afterEach(() => { rmSync(keysDirectory, { recursive: true, force: true }); });

  it('generates each authority\'s issuer key on first start, private (0600 in a 0700 directory), and reuses it afterwards', async () => {
    const first = await loadOrCreateIssuerKey(keysDirectory, 'it-anagrafe');
    const file = path.join(keysDirectory, 'it-anagrafe', 'issuer-es256.key.pem');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.dirname(file)).mode & 0o777, 0o700);
    const again = await loadOrCreateIssuerKey(keysDirectory, 'it-anagrafe');
    assert.equal(again.kid, first.kid);
    const other = await loadOrCreateIssuerKey(keysDirectory, 'de-melderegister');
    assert.notEqual(other.kid, first.kid, 'one key per authority');
  });

  it('hosts IT, DE, ES and RS with issuer metadata (public key only) and a readable index page each', async () => {
    const server = await createDemoAuthorityServer({ port: 0, keysDirectory, publicUrl: 'http://authorities.example' });
    try {
      assert.deepEqual(Object.values(server.issuers), ['it', 'de', 'es', 'rs'].map((p) => `http://authorities.example/${p}`));
      for (const [id, issuer] of Object.entries(server.issuers)) {
        const pathPart = new URL(issuer).pathname;
        const metadata = await (await fetch(`${server.localUrl}${pathPart}/.well-known/jwt-vc-issuer`)).json() as { issuer: string; jwks: { keys: Array<Record<string, unknown>> } };
        assert.equal(metadata.issuer, issuer, id);
        assert.equal(metadata.jwks.keys.length, 1);
        assert.equal(metadata.jwks.keys[0]!.d, undefined);
        assert.equal(metadata.jwks.keys[0]!.alg, 'ES256');
      }
      const page = await fetch(`${server.localUrl}/it/`);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      const body = await page.text();
      assert.match(body, /Anagrafe Nazionale della Popolazione Residente/);
      assert.match(body, /Certificato di stato di famiglia/);
      assert.match(body, /IT\/DE\/RSSGLI88D52E506C/);
      assert.match(await (await fetch(`${server.localUrl}/rs/`)).text(), /Уверење о пребивалишту/);
      assert.match(await (await fetch(`${server.localUrl}/`)).text(), /Demo issuing authorities/);
      assert.equal((await fetch(`${server.localUrl}/fr/`)).status, 404);
    } finally {
      await server.close();
    }
  });

  it('restarts with the same issuer keys, so credentials issued before keep verifying', async () => {
    const first = await createDemoAuthorityServer({ port: 0, keysDirectory });
    const before = await (await fetch(`${first.localUrl}/es/.well-known/jwt-vc-issuer`)).json() as { jwks: { keys: Array<{ kid: string }> } };
    await first.close();
    const second = await createDemoAuthorityServer({ port: 0, keysDirectory });
    try {
      const after = await (await fetch(`${second.localUrl}/es/.well-known/jwt-vc-issuer`)).json() as { jwks: { keys: Array<{ kid: string }> } };
      assert.equal(after.jwks.keys[0]!.kid, before.jwks.keys[0]!.kid);
    } finally {
      await second.close();
    }
  });
});
