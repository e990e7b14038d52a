import assert from 'node:assert/strict';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { continueLink, type TestBrowser } from './support/browser.js';
import { basicAuth, fullLogin, rpConfig, startAuthorization } from './support/flow.js';
import { rp, startOidcServer, type OidcTestServer } from './support/harness.js';

/**
 * A database outage inside the OpenID Provider's own routes is temporary, as on every other
 * route: 503 with Retry-After, `temporarily_unavailable` for the portals' back-channel calls,
 * and for the citizen's browser a page in her language (with the way back to a registered
 * portal when the outage stops a login before it starts). Instance A keeps its database;
 * instance B, same issuer and keys, has its connection pool closed. What A issued (a session,
 * a running login, tokens) is then presented to B.
 */
describe(`OpenID Provider: a database outage is 503 with Retry-After on every /oidc route (${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let a: OidcTestServer;
  let b: OidcTestServer;
  let browser: TestBrowser;
  let tokens: { access_token: string; refresh_token?: string };
  let uid: string;

  before(async () => {
    database = await createTestDatabase();
    a = await startOidcServer({ db: database.db });
    const own = database.reopen();
    b = await startOidcServer({ db: own, publicUrl: a.url });
    await own.close();
    const config = await rpConfig(a.issuer, 'kita');
    const login = await fullLogin(config, 'kita', { params: { scope: 'openid profile offline_access', prompt: 'consent' } });
    browser = login.browser;
    tokens = login.tokens;
    // A second login of hers, left on the country page (its interaction and resume cookie are in the browser).
    const start = await startAuthorization(config, 'kita', { prompt: 'login' });
    const countryPage = await browser.follow(await browser.get(start.url.href));
    uid = /\/interaction\/([^/"]+)\/country\//.exec(countryPage.page.body)![1]!;
  });
  after(async () => {
    await b?.close();
    await a?.close();
    await database?.cleanup();
  });

  const atB = (url: string) => url.replace(a.url, b.url);

  function assertUnavailable(res: { status: number; headers: Headers }, what: string): void {
    assert.equal(res.status, 503, `${what} → ${res.status}`);
    assert.match(res.headers.get('retry-after') ?? '', /^\d+$/, `${what}: Retry-After`);
  }

  async function assertJsonUnavailable(res: Response, what: string): Promise<void> {
    assertUnavailable(res, what);
    const body = await res.json() as { error: string; error_description: string; correlation_id: string };
    assert.equal(body.error, 'temporarily_unavailable', what);
    assert.equal(body.correlation_id, res.headers.get('x-request-id'));
  }

  it('the authorization endpoint: a page in her language, with a button back to the portal carrying temporarily_unavailable, state and iss', async () => {
    const start = await startAuthorization(await rpConfig(a.issuer, 'kita'), 'kita', { state: 'outage-state' });
    const res = await browser.get(atB(start.url.href), { 'accept-language': 'de-DE,de;q=0.9', accept: 'text/html' });
    assertUnavailable(res, '/oidc/auth');
    assert.match(res.body, /<html lang="de">/);
    assert.match(res.body, /Der Dienst ist vorübergehend nicht verfügbar/);
    const back = new URL(continueLink(res.body)!);
    assert.equal(back.origin + back.pathname, rp.kita.redirectUri);
    assert.equal(back.searchParams.get('error'), 'temporarily_unavailable');
    assert.equal(back.searchParams.get('state'), 'outage-state');
    assert.equal(back.searchParams.get('iss'), a.issuer);
  });

  it('the authorization endpoint never offers a way back to an unregistered redirect URI', async () => {
    const start = await startAuthorization(await rpConfig(a.issuer, 'kita'), 'kita', { redirect_uri: 'https://evil.example/cb' });
    const res = await browser.get(atB(start.url.href), { accept: 'text/html' });
    assertUnavailable(res, '/oidc/auth with a foreign redirect_uri');
    assert.equal(continueLink(res.body), undefined);
    assert.doesNotMatch(res.body, /evil\.example/);
  });

  it('resuming a running login (/oidc/auth/:uid), the login step (/interaction/:uid) and the logout page: a page in her language', async () => {
    for (const path of [`/oidc/auth/${uid}`, `/interaction/${uid}`, '/oidc/session/end']) {
      const res = await browser.get(b.url + path, { 'accept-language': 'it', accept: 'text/html' });
      assertUnavailable(res, path);
      assert.match(res.body, /<html lang="it">/, path);
      assert.match(res.body, /Il servizio è momentaneamente non disponibile/, path);
    }
  });

  it('token (code and refresh), userinfo and revocation: temporarily_unavailable as JSON', async () => {
    const token = (fields: Record<string, string>) => fetch(`${b.url}/oidc/token`, {
      method: 'POST', body: new URLSearchParams(fields),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(rp.kita.clientId, rp.kita.secret) },
    });
    await assertJsonUnavailable(await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! }), 'refresh_token grant');
    await assertJsonUnavailable(await token({ grant_type: 'authorization_code', code: 'c'.repeat(43), redirect_uri: rp.kita.redirectUri, code_verifier: 'v'.repeat(43) }), 'authorization_code grant');
    await assertJsonUnavailable(await fetch(`${b.url}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } }), 'userinfo');
    await assertJsonUnavailable(await fetch(`${b.url}/oidc/token/revocation`, {
      method: 'POST', body: new URLSearchParams({ token: tokens.access_token }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(rp.kita.clientId, rp.kita.secret) },
    }), 'revocation');
  });

  it('discovery and the signing keys need no database and keep answering', async () => {
    assert.equal((await fetch(`${b.url}/oidc/.well-known/openid-configuration`)).status, 200);
    assert.equal((await fetch(`${b.url}/oidc/jwks`)).status, 200);
  });

  it('the outage is logged as database_unreachable, with no token in the log', () => {
    const lines = b.logs.filter((line) => line.includes('database_unreachable'));
    assert.ok(lines.length > 0);
    for (const line of b.logs) {
      assert.ok(!line.includes(tokens.access_token) && !line.includes(tokens.refresh_token!), 'no token in any log line');
    }
  });
});
