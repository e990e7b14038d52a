import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { fullLogin, rpConfig } from './support/flow.js';
import { rp, startOidcServer, type OidcTestServer } from './support/harness.js';
import { roundRobin } from './support/round-robin.js';

describe(`OpenID Provider: one flow alternating between two instances sharing one database (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite file'})`, () => {
  let database: TestDatabase;
  let a: OidcTestServer;
  let b: OidcTestServer;
  let balancer: Awaited<ReturnType<typeof roundRobin>>;

  before(async () => {
    database = await createTestDatabase();
    balancer = await roundRobin(() => [a.url, b.url]);
    a = await startOidcServer({ db: database.db, publicUrl: balancer.url });
    b = await startOidcServer({ db: database.reopen(), publicUrl: balancer.url });
  });
  after(async () => {
    await a.close();
    await b.close();
    await new Promise((resolve) => balancer.server.close(resolve));
    await database.cleanup();
  });

  it('logs in, consents, redeems, calls userinfo and refreshes, every step on the other instance than the last', async () => {
    const issuer = `${balancer.url}/oidc`;
    const config = await rpConfig(issuer, 'kita');
    const { tokens, claims, browser } = await fullLogin(config, 'kita', { params: { scope: 'openid profile offline_access', prompt: 'consent' } });
    assert.equal(claims.iss, issuer);
    assert.ok(balancer.hits[0]! >= 4 && balancer.hits[1]! >= 4, `both instances served (${balancer.hits.join('/')})`);
    assert.ok(a.adapter.requests.length + b.adapter.requests.length === 1);
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.ok(userinfo.given_name);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.ok(refreshed.access_token);
    await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), 'the rotated refresh token is consumed for both instances');
    assert.ok(browser.cookie('passerelle.session'));
  });

  it('a code redeemed on one instance is consumed for the other', async () => {
    const issuer = `${balancer.url}/oidc`;
    const config = await rpConfig(issuer, 'kita');
    const first = await fullLogin(config, 'kita');
    const code = first.login.callback.searchParams.get('code')!;
    const again = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic ' + Buffer.from(`${rp.kita.clientId}:${rp.kita.secret}`).toString('base64') },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: first.start.verifier, redirect_uri: rp.kita.redirectUri }),
    });
    assert.equal(again.status, 400);
    assert.equal((await again.json() as { error: string }).error, 'invalid_grant');
    const userinfo = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${first.tokens.access_token}` } });
    assert.equal(userinfo.status, 401, 'and the tokens of the first redemption are revoked everywhere');
  });
});
