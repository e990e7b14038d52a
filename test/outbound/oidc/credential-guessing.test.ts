import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { startEvidenceHarness } from '../../evidence/support/harness.js';
import { basicAuth } from './support/flow.js';
import { rp, startOidcServer, type OidcTestServer } from './support/harness.js';


describe('rate limits on guessed credentials (W-09, O-12): wrong client secrets and bearer tokens hit the limit', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  beforeEach(async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db });
  });
  afterEach(async () => {
    await server.close();
    await database.cleanup();
  });

  async function attempt(secret: string) {
    const response = await fetch(server.issuer + '/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(rp.kita.clientId, secret) },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x'.repeat(43), code_verifier: 'y'.repeat(43), redirect_uri: rp.kita.redirectUri }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() as { error: string } };
  }

  it('150 wrong client secrets at /oidc/token are refused with 429 after the documented 20, and then the right one is too', async () => {
    const outcomes: number[] = [];
    for (let n = 0; n < 150; n += 1) outcomes.push((await attempt(`wrong-secret-${n}-0123456789abcdef0123456789`)).status);
    assert.deepEqual(outcomes.slice(0, 20), Array(20).fill(401));
    assert.deepEqual(outcomes.slice(20), Array(130).fill(429));
    const right = await attempt(rp.kita.secret);
    assert.equal(right.status, 429);
    assert.equal(right.body.error, 'rate_limited');
    assert.ok(Number(right.retryAfter) > 0 && Number(right.retryAfter) <= 900);
  });

  it('guessed bearer tokens at /oidc/me count as failures too', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 25; n += 1) {
      const response = await fetch(server.issuer + '/me', { headers: { authorization: `Bearer guessed-token-${n}-abcdefghijklmnop` } });
      statuses.push(response.status);
      await response.arrayBuffer();
    }
    assert.equal(statuses.filter((s) => s === 401).length, 20);
    assert.equal(statuses.at(-1), 429);
  });
});

describe('rate limits on guessed bearer tokens at the evidence API', () => {
  it('150 guessed bearer tokens at /api/evidence are refused with 429 after the documented 20', async () => {
    const h = await startEvidenceHarness();
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 150; n += 1) {
        const response = await fetch(`${h.url}/api/evidence/shares`, { headers: { authorization: `Bearer guessed-token-${n}-abcdefghijklmnop` } });
        statuses.push(response.status);
        await response.arrayBuffer();
      }
      assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
      assert.deepEqual(statuses.slice(20), Array(130).fill(429));
    } finally {
      await h.close();
    }
  });
});
