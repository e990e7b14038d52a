import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { fullLogin, rpConfig } from './support/flow.js';
import { defaultPortals, rp, startOidcServer, type OidcTestServer } from './support/harness.js';

describe('OpenID Provider: back-channel logout', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  let receiver: Server;
  const received: string[] = [];

  before(async () => {
    database = await createTestDatabase();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
      req.on('end', () => {
        received.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const port = (receiver.address() as AddressInfo).port;
    const portals = defaultPortals().map((p) => (p.clientId === rp.kita.clientId ? { ...p, backchannelLogoutUri: `http://127.0.0.1:${port}/backchannel` } : p));
    server = await startOidcServer({ db: database.db, portals });
  });
  after(async () => {
    await server.close();
    await new Promise((resolve) => receiver.close(resolve));
    await database.cleanup();
  });

  it('sends a signed logout token with the portal\'s pairwise sub and the session id on logout', async () => {
    const config = await rpConfig(server.issuer, 'kita');
    const { browser, claims, tokens } = await fullLogin(config, 'kita');
    assert.ok(claims.sid, 'portals with back-channel logout receive sid');
    const confirm = await browser.get(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token! }).href);
    await browser.post(`${server.issuer}/session/end/confirm`, { xsrf: /name="xsrf" value="([^"]+)"/.exec(confirm.body)![1]!, logout: 'yes' });
    assert.equal(received.length, 1, server.logs.filter((l) => l.includes('backchannel') || l.includes('refused')).join('\n'));
    const { payload } = await jwtVerify(received[0]!, createRemoteJWKSet(new URL(server.issuer + '/jwks')), { issuer: server.issuer, audience: 'kita' });
    assert.equal(payload.sub, claims.sub);
    assert.equal(payload.sid, claims.sid);
    assert.deepEqual(payload.events, { 'http://schemas.openid.net/event/backchannel-logout': {} });
    assert.equal(payload.nonce, undefined);
  });
});
