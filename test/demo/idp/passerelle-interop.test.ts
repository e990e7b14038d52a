import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoIdpServer, type DemoIdpServer } from '../../../src/demo/idp/server.js';
import { SamlHarness, frozenNow } from '../../inbound/saml/support/harness.js';
import { autoPostFormOf, get, loginIdOf, postForm, unescapeHtml, type Page } from './support/browser.js';

/**
 * The demo IdPs against the real connector: Passerelle's SAML feature (started by the
 * connector's own test harness) fetches their metadata over HTTP, they fetch Passerelle's SP
 * metadata over HTTP, and the browser hops are real requests.
 */
describe('demo national IdPs with Passerelle\'s SAML connector', function () {
  this.timeout(120_000);
  let idp: DemoIdpServer;
  let passerelle: SamlHarness;
  let proxy: Server;
  let keys: string;

  before(async () => {
    // The IdPs start first and know Passerelle only by a metadata URL, as in the demo.
    let passerelleUrl = '';
    proxy = createServer((_req, res) => { void fetch(`${passerelleUrl}/saml/metadata`).then(async (r) => res.end(await r.text())); });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    keys = await mkdtemp(join(tmpdir(), 'demo-idp-interop-'));
    idp = await createDemoIdpServer({ keysDirectory: keys, port: 0, spMetadataUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`, now: () => frozenNow });
    passerelle = new SamlHarness();
    await passerelle.start({ countries: () => ['IT', 'DE', 'ES', 'RS'].map((code) => ({
      code, names: { en: code }, languages: ['en'], minimumLoa: 'low' as const,
      idp: { metadataUrl: `${idp.url}/${code.toLowerCase()}/metadata`, allowInsecureMetadataUrl: true },
      ...(code === 'RS' ? { algorithms: { profile: 'national' as const, allowRsaPkcs1v15Signatures: true } } : {}),
    })) as never });
    passerelleUrl = passerelle.url;
  });

  after(async () => {
    await passerelle?.stop();
    await idp?.close();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await rm(keys, { recursive: true, force: true });
  });

  /** Starts a login at Passerelle and follows its AuthnRequest (either binding) to the IdP's login page. */
  async function loginPage(cc: string): Promise<{ page: Page; cookie: string }> {
    const start = await fetch(`${passerelle.url}/test/login?${new URLSearchParams({ country: cc, loa: 'substantial', attr: 'placeOfBirth,currentAddress,gender' })}`, { redirect: 'manual' });
    const cookie = (start.headers.getSetCookie().find((c) => c.startsWith('passerelle_saml=')) ?? '').split(';')[0]!;
    if (start.status === 303) return { page: await get(start.headers.get('location')!), cookie };
    const html = await start.text();
    const decode = (s: string) => unescapeHtml(s.replace(/&#x([0-9A-F]+);/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    const fields = Object.fromEntries([...html.matchAll(/name="([^"]+)" value="([^"]+)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
    return { page: await postForm(decode(/action="([^"]+)"/.exec(html)![1]!), fields), cookie };
  }

  async function postToAcs(done: Page, cookie: string): Promise<{ status: number; body: string }> {
    const form = autoPostFormOf(done);
    const response = await fetch(`${passerelle.url}/saml/acs`, { method: 'POST', redirect: 'manual', headers: { cookie, accept: 'text/html' }, body: new URLSearchParams(form.fields) });
    return { status: response.status, body: await response.text() };
  }

  // Each at the highest level its IdP is certified for (Spain's and Serbia's: substantial).
  for (const [cc, citizen, identifier, loa] of [
    ['IT', 'it-giulia-rossi', 'IT/DE/RSSGLI88D52E506C', 'high'], ['DE', 'de-anna-schulz', 'DE/DE/c4f02e7d918ab356', 'high'],
    ['ES', 'es-lucia-garcia', 'ES/DE/53864217B', 'substantial'], ['RS', 'rs-milica-petrovic', 'RS/DE/1705990805129', 'substantial'],
  ] as const) {
    it(`${cc}: Passerelle accepts the response and hands over the citizen with the chosen LoA and her address`, async () => {
      const { page, cookie } = await loginPage(cc);
      assert.equal(page.status, 200, page.html.slice(0, 400));
      const done = await postForm(`${idp.url}/${cc.toLowerCase()}/login`, { login: loginIdOf(page), citizen, loa });
      const acs = await postToAcs(done, cookie);
      assert.equal(acs.status, 200, acs.body.slice(0, 300));
      const handed = passerelle.handOff.succeeded.at(-1)!.citizen;
      assert.equal(handed.personIdentifier, identifier);
      assert.equal(handed.loa, loa);
      assert.equal(handed.country, cc);
      assert.ok(handed.currentAddress?.postName);
      assert.equal(handed.source.issuer, idp.metadataUrls[cc]);
    });
  }

  it('Cancel ends Passerelle\'s login cleanly as a failed authentication', async () => {
    const { page, cookie } = await loginPage('IT');
    const acs = await postToAcs(await postForm(`${idp.url}/it/login`, { login: loginIdOf(page), cancel: '1' }), cookie);
    assert.equal(acs.status, 200, acs.body.slice(0, 300));
    assert.equal(passerelle.handOff.failed.at(-1)?.code, 'authentication_failed');
  });
});
