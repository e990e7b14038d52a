import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import * as client from 'openid-client';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TestBrowser } from './support/browser.js';
import { basicAuth, fullLogin, loginInBrowser, rpConfig, startAuthorization, type RpName } from './support/flow.js';
import { defaultPortals, rp, startOidcServer, type OidcTestServer } from './support/harness.js';


describe('OpenID Provider: token and userinfo endpoints (security.md 1b)', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  let clientKey: CryptoKey;
  let otherKey: CryptoKey;
  let clientJwk: JWK;
  let offset = 0;

  async function token(body: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await fetch(server.issuer + '/token', {
      method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    return { status: response.status, headers: response.headers, json: await response.json() as Record<string, unknown> };
  }

  async function codeFor(name: RpName, params: Record<string, string> = {}, auth?: client.ClientAuth) {
    const config = await rpConfig(server.issuer, name, auth);
    const start = await startAuthorization(config, name, params);
    const login = await loginInBrowser(new TestBrowser(), start);
    return { config, start, code: login.callback.searchParams.get('code')!, callback: login.callback };
  }

  const kitaAuth = { authorization: basicAuth(rp.kita.clientId, rp.kita.secret) };
  const codeBody = (code: string, verifier: string, redirectUri: string = rp.kita.redirectUri) =>
    ({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri });

  async function assertion(claims: Record<string, unknown>, key: CryptoKey = clientKey, alg = 'RS256') {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: 'jwt', sub: 'jwt', aud: server.issuer, jti: randomUUID(), iat: now, exp: now + 60, ...claims })
      .setProtectedHeader({ alg, kid: 'jwt-key' }).sign(key);
  }

  before(async () => {
    database = await createTestDatabase();
    const pair = await generateKeyPair('RS256', { extractable: true });
    clientKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    clientJwk = { ...await exportJWK(pair.publicKey), kid: 'jwt-key', alg: 'RS256', use: 'sig' };
    server = await startOidcServer({
      db: database.db,
      clock: { now: () => Date.now() + offset },
      // These tests present many wrong credentials on purpose; the limit on that has its own test.
      rateLimits: { authFailures: { limit: 1000, windowSeconds: 900 } },
      portals: [...defaultPortals(), {
        clientId: 'jwt', name: { en: 'Key-authenticated portal' }, jwks: { keys: [clientJwk] }, tokenEndpointAuthMethod: 'private_key_jwt',
        redirectUris: [rp.jwt.redirectUri], allowedClaims: ['given_name'], idTokenSignedResponseAlg: 'ES256', refreshTokens: true,
      }],
    });
  });
  afterEach(() => { offset = 0; });
  after(async () => {
    await server.close();
    await database.cleanup();
  });

  it('O-07: a wrong or missing code_verifier is invalid_grant', async () => {
    const { code, start } = await codeFor('kita');
    assert.equal((await token(codeBody(code, 'w'.repeat(43)), kitaAuth)).json.error, 'invalid_grant');
    const missing = await token({ grant_type: 'authorization_code', code, redirect_uri: rp.kita.redirectUri }, kitaAuth);
    assert.equal(missing.status, 400);
    assert.match(String(missing.json.error), /^(invalid_grant|invalid_request)$/);
    assert.ok(start.verifier);
  });

  it('O-09: a code redeemed twice is refused and revokes the tokens of the first redemption', async () => {
    const { code, start } = await codeFor('kita', { scope: 'openid profile offline_access', prompt: 'consent' });
    const first = await token(codeBody(code, start.verifier), kitaAuth);
    assert.equal(first.status, 200);
    assert.ok(first.json.refresh_token, 'offline_access with prompt=consent gives a refresh token');
    const second = await token(codeBody(code, start.verifier), kitaAuth);
    assert.equal(second.status, 400);
    assert.equal(second.json.error, 'invalid_grant');
    const userinfo = await fetch(server.issuer + '/me', { headers: { authorization: `Bearer ${String(first.json.access_token)}` } });
    assert.equal(userinfo.status, 401);
    assert.match(userinfo.headers.get('www-authenticate')!, /error="invalid_token"/);
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: String(first.json.refresh_token) }, kitaAuth);
    assert.equal(refreshed.json.error, 'invalid_grant');
  });

  it('O-10: a code is bound to its client and its redirect_uri', async () => {
    const { code, start } = await codeFor('kita');
    const otherClient = await token({ ...codeBody(code, start.verifier), client_id: rp.padron.clientId, client_secret: rp.padron.secret });
    assert.equal(otherClient.json.error, 'invalid_grant');
    const again = await codeFor('kita');
    const otherUri = await token(codeBody(again.code, again.start.verifier, 'http://rp-kita.test/other'), kitaAuth);
    assert.equal(otherUri.json.error, 'invalid_grant');
  });

  it('O-11: a code past its lifetime (60 s) is invalid_grant', async () => {
    const { code, start } = await codeFor('kita');
    offset = 61_000;
    assert.equal((await token(codeBody(code, start.verifier), kitaAuth)).json.error, 'invalid_grant');
  });

  it('O-12: wrong secrets, methods the client is not registered for and missing authentication are invalid_client', async () => {
    const { code, start } = await codeFor('kita');
    const wrongBasic = await token(codeBody(code, start.verifier), { authorization: basicAuth(rp.kita.clientId, 'wrong-secret-0123456789abcdef0123456') });
    assert.equal(wrongBasic.status, 401);
    assert.equal(wrongBasic.json.error, 'invalid_client');
    assert.match(wrongBasic.headers.get('www-authenticate') ?? '', /Basic/);
    const none = await token({ ...codeBody(code, start.verifier), client_id: rp.kita.clientId });
    assert.equal(none.json.error, 'invalid_client');
    const keyInsteadOfSecret = await token({
      ...codeBody(code, start.verifier), client_id: rp.kita.clientId,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await assertion({ iss: 'kita', sub: 'kita' }),
    });
    assert.equal(keyInsteadOfSecret.json.error, 'invalid_client');
    const padron = await codeFor('padron');
    const wrongPost = await token({ ...codeBody(padron.code, padron.start.verifier, rp.padron.redirectUri), client_id: rp.padron.clientId, client_secret: 'nope' });
    assert.equal(wrongPost.status, 401);
    assert.equal(wrongPost.json.error, 'invalid_client');
    const secretForKeyClient = await token({ ...codeBody(code, start.verifier, rp.jwt.redirectUri), client_id: 'jwt', client_secret: rp.kita.secret });
    assert.equal(secretForKeyClient.json.error, 'invalid_client');
    // The code survived the failed attempts: client authentication comes first. (oidc-provider
    // treats client_secret_basic and client_secret_post as one shared-secret method.)
    assert.equal((await token(codeBody(code, start.verifier), kitaAuth)).status, 200);
  });

  it('O-13: private_key_jwt accepts only a fresh, correctly signed assertion whose sole audience is the issuer', async () => {
    const { code, start } = await codeFor('jwt', {}, client.None());
    const attempt = async (clientAssertion: string) => (await token({
      ...codeBody(code, start.verifier, rp.jwt.redirectUri),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion,
    })).json.error;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'jwt', sub: 'jwt', aud: server.issuer, jti: randomUUID(), exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url')}.`;
    const hmac = await new SignJWT({ iss: 'jwt', sub: 'jwt', aud: server.issuer, jti: randomUUID(), exp: Math.floor(Date.now() / 1000) + 60 })
      .setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(JSON.stringify(clientJwk)));
    const refused = [
      unsigned, hmac,
      await assertion({}, otherKey),
      await assertion({ exp: Math.floor(Date.now() / 1000) - 120, iat: Math.floor(Date.now() / 1000) - 300 }),
      await assertion({ jti: undefined }),
      await assertion({ iss: 'kita' }), await assertion({ sub: 'kita' }),
      await assertion({ aud: 'https://other.example/oidc' }),
      await assertion({ aud: [server.issuer, 'https://other.example'] }),
      await assertion({ aud: server.issuer + '/token' }),
    ];
    for (const [i, jwt] of refused.entries()) assert.equal(await attempt(jwt), 'invalid_client', `assertion ${i}`);
    const good = await assertion({});
    const ok = await token({
      ...codeBody(code, start.verifier, rp.jwt.redirectUri),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: good,
    });
    assert.equal(ok.status, 200);
    assert.equal(decodeProtectedHeader(String(ok.json.id_token)).alg, 'ES256', 'this portal registered ES256');
    const replay = await codeFor('jwt', {}, client.None());
    const replayed = await token({
      ...codeBody(replay.code, replay.start.verifier, rp.jwt.redirectUri),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: good,
    });
    assert.equal(replayed.json.error, 'invalid_client', 'a jti is accepted once');
  });

  it('O-13: openid-client\'s PrivateKeyJwt completes the flow', async () => {
    const config = await rpConfig(server.issuer, 'jwt', client.PrivateKeyJwt({ key: clientKey, kid: 'jwt-key' }));
    const { claims } = await fullLogin(config, 'jwt');
    assert.equal(claims.aud, 'jwt');
  });

  it('O-14/O-16: a 128-character state comes back intact; nonce is echoed exactly and absent when not sent', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const state = 'Z9-_'.repeat(32);
    const withNonce = await fullLogin(config, 'kita', { params: { state, nonce: 'n-0S6_WzA2Mj' } });
    assert.equal(withNonce.login.callback.searchParams.get('state'), state);
    assert.equal(withNonce.claims.nonce, 'n-0S6_WzA2Mj');
    const start = await startAuthorization(config, 'kita');
    start.url.searchParams.delete('nonce');
    const login = await loginInBrowser(new TestBrowser(), start);
    const tokens = await client.authorizationCodeGrant(config, login.callback, { pkceCodeVerifier: start.verifier, expectedState: start.state });
    assert.equal(tokens.claims()!.nonce, undefined);
  });

  it('O-17/O-25/O-24: ID token RS256 with a published kid, short lifetimes, no-store JSON token responses', async () => {
    const { code, start } = await codeFor('kita');
    const response = await token(codeBody(code, start.verifier), kitaAuth);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    const header = decodeProtectedHeader(String(response.json.id_token));
    assert.equal(header.alg, 'RS256');
    const jwks = await (await fetch(server.issuer + '/jwks')).json() as { keys: JWK[] };
    assert.ok(jwks.keys.some((k) => k.kid === header.kid));
    assert.ok(jwks.keys.every((k) => !('d' in k)), 'no private parts published');
    const claims = decodeJwt(String(response.json.id_token));
    assert.ok(claims.exp! - claims.iat! <= 600);
    assert.ok(Number(response.json.expires_in) <= 600);
    assert.equal(response.json.token_type, 'Bearer');
  });

  it('O-21: refresh tokens rotate, are bound to their client, and a reused one revokes the family', async () => {
    const { code, start } = await codeFor('kita', { scope: 'openid profile offline_access', prompt: 'consent' });
    const first = await token(codeBody(code, start.verifier), kitaAuth);
    const rt1 = String(first.json.refresh_token);
    const foreign = await token({
      grant_type: 'refresh_token', refresh_token: rt1,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: await assertion({}),
    });
    assert.equal(foreign.json.error, 'invalid_grant', 'client "jwt" may refresh, but not kita\'s token');
    const rotated = await token({ grant_type: 'refresh_token', refresh_token: rt1 }, kitaAuth);
    assert.equal(rotated.status, 200);
    const rt2 = String(rotated.json.refresh_token);
    assert.notEqual(rt2, rt1);
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: rt1 }, kitaAuth)).json.error, 'invalid_grant');
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: rt2 }, kitaAuth)).json.error, 'invalid_grant', 'reuse revoked the family');
  });

  it('O-22: userinfo refuses missing, garbage, expired and query-string tokens', async () => {
    const { code, start } = await codeFor('kita');
    const accessToken = String((await token(codeBody(code, start.verifier), kitaAuth)).json.access_token);
    const call = (init: RequestInit = {}, query = '') => fetch(server.issuer + '/me' + query, init);
    for (const response of [await call(), await call({ headers: { authorization: 'Bearer not-a-token-at-all-0123456789' } })]) {
      assert.equal(response.status, 401);
      assert.match(response.headers.get('www-authenticate')!, /^Bearer /);
    }
    const inQuery = await call({}, `?access_token=${accessToken}`);
    assert.equal(inQuery.status, 400);
    assert.equal((await call({ method: 'POST', headers: { authorization: `Bearer ${accessToken}` } })).status, 200, 'POST with the header works');
    offset = 601_000;
    const expired = await call({ headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate')!, /error="invalid_token"/);
  });

  it('O-23: only the authorization code and refresh grants exist; GET on /token is 405', async () => {
    for (const grantType of ['password', 'client_credentials', 'urn:example:unknown', 'implicit']) {
      const response = await token({ grant_type: grantType, username: 'u', password: 'p' }, kitaAuth);
      assert.equal(response.status, 400, grantType);
      assert.match(String(response.json.error), /^(unsupported_grant_type|unauthorized_client)$/, grantType);
    }
    const get = await fetch(server.issuer + '/token');
    assert.equal(get.status, 405);
    assert.equal(get.headers.get('allow'), 'POST');
  });

  it('O-29: the claims parameter cannot widen what a portal receives', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const { tokens, claims } = await fullLogin(config, 'kita', {
      params: { claims: JSON.stringify({ userinfo: { eidas_person_identifier: { essential: true }, nationalities: null } }) },
    });
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    assert.equal(userinfo.eidas_person_identifier, undefined);
    assert.equal(userinfo.nationalities, undefined);
    assert.ok(userinfo.given_name);
  });
});
