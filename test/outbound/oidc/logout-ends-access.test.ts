import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { TestBrowser } from './support/browser.js';
import { basicAuth, fullLogin, loginInBrowser, rpConfig, startAuthorization } from './support/flow.js';
import { oidcServerForSuite, rp } from './support/harness.js';


describe('OpenID Provider: logout ends evidence access at once; portals authenticate exactly as registered', () => {
  const suite = oidcServerForSuite();

  async function logOutEverywhere(browser: TestBrowser, idToken: string): Promise<void> {
    const config = await rpConfig(suite.server.issuer, 'kita');
    const confirm = await browser.get(client.buildEndSessionUrl(config, { id_token_hint: idToken }).href);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!;
    const done = await browser.post(new URL('/oidc/session/end/confirm', suite.server.url).href, { xsrf, logout: 'yes' });
    assert.equal(done.status, 303);
  }

  const citizenRows = () => suite.database.db.knex('oidc_models').where({ model: 'PasserelleCitizen' }).count({ n: '*' }).first().then((row) => Number(row?.n));

  for (const [label, params] of [
    ['a session-bound token', { scope: 'openid profile' }],
    ['a token issued to outlive the session (offline_access)', { scope: 'openid profile offline_access', prompt: 'consent' }],
  ] as const) {
    it(`W-13: after "log out everywhere", the evidence API refuses ${label} at once, and the citizen's attributes are gone before the answer`, async () => {
      const config = await rpConfig(suite.server.issuer, 'kita');
      const { browser, tokens } = await fullLogin(config, 'kita', { params });
      const before = await suite.server.op.introspectAccessToken(tokens.access_token);
      assert.ok(before, 'the token works for the evidence API while the session lasts');
      assert.ok(await citizenRows() >= 1);
      await logOutEverywhere(browser, tokens.id_token!);
      assert.equal(await citizenRows(), 0, 'the logout answer came after the deletion');
      assert.equal(await suite.server.op.introspectAccessToken(tokens.access_token), undefined);
    });
  }

  it('a session that ended by itself ends evidence access too, even for an offline_access token', async () => {
    const config = await rpConfig(suite.server.issuer, 'kita');
    const { tokens } = await fullLogin(config, 'kita', { params: { scope: 'openid profile offline_access', prompt: 'consent' } });
    assert.ok(await suite.server.op.introspectAccessToken(tokens.access_token));
    await suite.database.db.knex('oidc_models').where({ model: 'Session' }).delete();
    assert.equal(await suite.server.op.introspectAccessToken(tokens.access_token), undefined);
  });

  async function redeem(name: 'kita' | 'padron', auth: { header?: string; bodySecret?: string }) {
    const config = await rpConfig(suite.server.issuer, name);
    const start = await startAuthorization(config, name);
    const { callback } = await loginInBrowser(new TestBrowser(), start);
    const body = new URLSearchParams({
      grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: start.verifier, redirect_uri: rp[name].redirectUri,
      ...(auth.header ? {} : { client_id: rp[name].clientId }),
      ...(auth.bodySecret ? { client_secret: auth.bodySecret } : {}),
    });
    const response = await fetch(suite.server.issuer + '/token', {
      method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth.header ? { authorization: auth.header } : {}) },
    });
    return { status: response.status, json: await response.json() as Record<string, unknown> };
  }

  it('O-12: a client_secret_basic portal cannot authenticate with client_secret_post, nor the other way round', async () => {
    const postForBasic = await redeem('kita', { bodySecret: rp.kita.secret });
    assert.equal(postForBasic.status, 401);
    assert.equal(postForBasic.json.error, 'invalid_client');
    const basicForPost = await redeem('padron', { header: basicAuth(rp.padron.clientId, rp.padron.secret) });
    assert.equal(basicForPost.status, 401);
    assert.equal(basicForPost.json.error, 'invalid_client');
    assert.equal((await redeem('kita', { header: basicAuth(rp.kita.clientId, rp.kita.secret) })).status, 200);
    assert.equal((await redeem('padron', { bodySecret: rp.padron.secret })).status, 200);
  });
});
