import assert from 'node:assert/strict';
import type { Express } from 'express';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TestBrowser } from './support/browser.js';
import { testCitizen } from './support/citizens.js';
import { startOidcServer, type OidcTestServer } from './support/harness.js';

describe('OpenID Provider: the citizen\'s own login (passerelle-self) and the session reader', () => {
  let database: TestDatabase;
  let server: OidcTestServer;

  before(async () => {
    database = await createTestDatabase();
    server = await startOidcServer({
      db: database.db,
      extraFeatures: [(op) => (app: Express) => {
        app.get('/dash', async (req, res) => {
          const found = await op.citizenFromSession(req, res);
          if (found) {
            res.json({ citizenKey: found.citizenKey, givenName: found.citizen?.givenName });
            return;
          }
          await op.startSelfLogin(req, res, typeof req.query.returnTo === 'string' ? req.query.returnTo : '/dash?tab=documents');
        });
      }],
    });
  });
  after(async () => {
    await server.close();
    await database.cleanup();
  });

  it('logs the citizen in through the OP without a consent page and returns to the relative path', async () => {
    const browser = new TestBrowser();
    const country = await browser.follow(await browser.get(`${server.url}/dash`));
    assert.equal(country.page.status, 200);
    const link = /href="(\/interaction\/[^"]+\/country\/DE)"/.exec(country.page.body)![1]!;
    const end = await browser.follow(await browser.get(server.url + link));
    assert.equal(end.page.url, `${server.url}/dash?tab=documents`);
    const who = JSON.parse(end.page.body) as { citizenKey: string; givenName: string };
    assert.equal(who.givenName, testCitizen('DE').givenName);
    assert.ok(browser.visited.some((url) => url.startsWith(`${server.url}/self-login/callback?code=`)));
    const codes = await database.db.knex('oidc_models').where({ model: 'AuthorizationCode' }).count({ n: '*' }).first() as { n: number | string };
    assert.equal(Number(codes.n), 0, 'the self-login code was discarded');
  });

  it('refuses a returnTo that is not a relative path, and a callback from another browser', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await new TestBrowser().get(`${server.url}/dash?returnTo=${encodeURIComponent(returnTo)}`);
      assert.equal(response.status, 400, returnTo);
    }
    const response = await new TestBrowser().get(`${server.url}/self-login/callback?code=x&state=y`);
    assert.equal(response.status, 400);
  });

  it('citizenFromSession is empty without a session', async () => {
    const response = await new TestBrowser().get(`${server.url}/dash`);
    assert.equal(response.status, 303);
    assert.match(response.headers.get('location')!, /^\/oidc\/auth\?client_id=passerelle-self&/);
  });
});
