import assert from 'node:assert/strict';
import { WalletHolder } from '../../../src/demo/wallet/holder.js';
import type { TestDatabase } from '../../support/database.js';
import { answer, finishAtPortal, giuliasWallet, startWalletLogin } from './support/wallet-flow.js';
import { withWalletPasserelle } from './support/wallet-passerelle.js';

/** Every row of every table of this run's database, as one text to search. */
async function databaseText(database: TestDatabase): Promise<string> {
  const knex = database.db.knex;
  const tables: string[] = database.schema
    ? (await knex.raw('select table_name from information_schema.tables where table_schema = ?', [database.schema])).rows.map((r: { table_name: string }) => r.table_name)
    : (await knex.raw("select name from sqlite_master where type = 'table'") as Array<{ name: string }>).map((r) => r.name);
  const dumps = await Promise.all(tables.map(async (table) => JSON.stringify(await knex(table).select('*'))));
  return dumps.join('\n');
}

describe('The presentation is deleted once the login is handed off (relying-party intermediary rule RPI_10)', function () {
  this.timeout(60_000);
  const fixture = withWalletPasserelle();

  async function scan(sent: Awaited<ReturnType<typeof answer>>, jwe: string, nonce: string, redirect: string) {
    const presentation = (Object.values(sent.vp_token)[0] as string[])[0]!;
    const needles = presentation.includes('~')
      ? presentation.split('~').filter((part) => part.length > 0)
      : [presentation, presentation.slice(0, 200), presentation.slice(-200)];
    needles.push(jwe.split('.')[4]!, jwe.split('.')[3]!.slice(0, 100));
    const stored = await databaseText(fixture.database);
    const logs = fixture.passerelle.logs.join('\n');
    for (const needle of needles) {
      assert.ok(!stored.includes(needle), 'a part of the presentation is in the database');
      assert.ok(!logs.includes(needle), 'a part of the presentation is in the logs');
    }
    assert.ok(!logs.includes(nonce), 'the transaction nonce is not logged');
    const id = /\/wallet\/login\/([^/]+)\/continue/.exec(redirect)![1]!;
    assert.ok(!stored.includes(id), 'the transaction row is gone');
  }

  for (const format of ['sd-jwt', 'mdoc'] as const) {
    it(`V-14 over the Digital Credentials API too: nothing of a ${format} answer stays in the database or the logs`, async () => {
      const holder = await giuliasWallet(fixture.passerelle);
      const flow = await startWalletLogin(fixture.passerelle);
      const block = /data-request-url="([^"]+)" data-response-url="([^"]+)"/.exec(flow.page.body)!;
      const post = (path: string, body: unknown) => flow.browser.request(fixture.passerelle.url + path, {
        method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: fixture.passerelle.url }, body: JSON.stringify(body),
      });
      const served = JSON.parse((await post(block[1]!, {})).body) as { protocol: string; data: unknown };
      const request = await WalletHolder.readDcApiRequest(served, new URL(fixture.passerelle.url).origin);
      const sent = await answer(request, holder, format);
      const credential = await WalletHolder.dcApiCredential(request, sent);
      const { redirect_uri } = JSON.parse((await post(block[2]!, credential)).body) as { redirect_uri: string };
      const { claims } = await finishAtPortal(fixture.passerelle, flow, redirect_uri);
      assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high', 'the login went through');
      await scan(sent, credential.data.response, request.nonce, redirect_uri);
    });

    it(`V-14 no ${format === 'sd-jwt' ? 'vp_token, issuer JWT, disclosure or key-binding JWT' : 'DeviceResponse or device signature'} stays in the database or the logs after a ${format} login`, async () => {
      const holder = await giuliasWallet(fixture.passerelle);
      const flow = await startWalletLogin(fixture.passerelle);
      const request = await WalletHolder.fetchRequest(flow.invocation);
      const sent = await answer(request, holder, format);
      const jwe = await WalletHolder.encryptAnswer(request, sent);
      const posted = await fetch(request.responseUri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ response: jwe }).toString() });
      const { redirect_uri } = await posted.json() as { redirect_uri: string };
      const { claims } = await finishAtPortal(fixture.passerelle, flow, redirect_uri);
      assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high', 'the login went through');

      await scan(sent, jwe, request.nonce, redirect_uri);
    });
  }
});
