import assert from 'node:assert/strict';
import { WalletHolder, type WalletRequest } from '../../../src/demo/wallet/holder.js';
import type { TestBrowser } from '../../outbound/oidc/support/browser.js';
import { toPortal } from '../../outbound/oidc/support/flow.js';
import { answer, finishAtPortal, giuliasWallet, startWalletLogin, type WalletStart } from './support/wallet-flow.js';
import { withWalletPasserelle } from './support/wallet-passerelle.js';

/** A same-origin JSON POST from the login page's script (the browser adds Origin and Sec-Fetch-Site). */
function pagePost(browser: TestBrowser, url: string, body: unknown, origin = new URL(url).origin) {
  return browser.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', origin, 'sec-fetch-site': origin === new URL(url).origin ? 'same-origin' : 'cross-site' },
    body: JSON.stringify(body),
  });
}

describe('EU Digital Identity Wallet login through the W3C Digital Credentials API (OpenID4VP 1.0 Appendix A, dc_api.jwt)', function () {
  this.timeout(60_000);
  const fixture = withWalletPasserelle();
  const origin = () => new URL(fixture.passerelle.url).origin;

  function dcUrls(flow: WalletStart) {
    const block = /id="wallet-dc-api" hidden data-request-url="([^"]+)" data-response-url="([^"]+)"/.exec(flow.page.body);
    assert.ok(block, 'the page carries the DC API option, hidden until the script finds the API');
    return { request: fixture.passerelle.url + block[1]!, response: fixture.passerelle.url + block[2]! };
  }

  /** The page asks for the request; the browser hands it to the wallet with the page's origin. */
  async function dcRequest(flow: WalletStart, walletSees = origin()): Promise<WalletRequest> {
    const served = await pagePost(flow.browser, dcUrls(flow).request, {});
    assert.equal(served.status, 200, served.body.slice(0, 300));
    return WalletHolder.readDcApiRequest(JSON.parse(served.body) as { protocol: string; data: unknown }, walletSees);
  }

  async function dcAnswer(flow: WalletStart, credential: unknown) {
    return pagePost(flow.browser, dcUrls(flow).response, credential);
  }

  it('the DC API request is signed, client_id x509_hash, response_mode dc_api.jwt, expected_origins Passerelle\'s origin, DCQL and verifier_info, no response_uri', async () => {
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await dcRequest(flow);
    assert.match(request.clientId, /^x509_hash:[A-Za-z0-9_-]{43}$/);
    assert.equal(request.header.typ, 'oauth-authz-req+jwt');
    assert.equal(request.responseMode, 'dc_api.jwt');
    assert.deepEqual(request.claims.expected_origins, [origin()]);
    assert.equal(request.claims.response_uri, undefined);
    assert.equal(request.claims.state, undefined);
    assert.deepEqual(request.dcqlQuery.credentials.map((c) => c.format), ['dc+sd-jwt', 'mso_mdoc']);
    assert.equal(request.verifierInfo[0]!.format, 'registration_cert');
    assert.equal(request.encryptionJwk.crv, 'P-256');
    await assert.rejects(WalletHolder.readDcApiRequest({ protocol: 'openid4vp-v1-signed', data: { request: (await pagePost(flow.browser, dcUrls(flow).request, {}).then((p) => JSON.parse(p.body) as { data: { request: string } })).data.request } }, 'https://phishing.example'),
      /expected_origins/, 'a wallet refuses the request from a page elsewhere');
  });

  for (const format of ['sd-jwt', 'mdoc'] as const) {
    it(`a ${format} PID through the DC API logs Giulia in at the portal (openid-client): bound to Passerelle's origin`, async () => {
      const holder = await giuliasWallet(fixture.passerelle);
      const flow = await startWalletLogin(fixture.passerelle);
      const request = await dcRequest(flow);
      const sent = await dcAnswer(flow, await WalletHolder.dcApiCredential(request, await answer(request, holder, format), format === 'mdoc' ? 'A256GCM' : 'A128GCM'));
      assert.equal(sent.status, 200, sent.body.slice(0, 300));
      const { redirect_uri } = JSON.parse(sent.body) as { redirect_uri: string };
      const { claims } = await finishAtPortal(fixture.passerelle, flow, redirect_uri);
      assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
      const id = /\/wallet\/login\/([^/]+)\/continue/.exec(redirect_uri)![1];
      assert.equal(await fixture.database.db.knex('wallet_transactions').where({ id }).first(), undefined, 'the transaction is gone after the hand-off');
    });
  }

  /** A DC API answer Passerelle records as refused: the page is sent to the refusal, the portal hears nothing, nothing is kept. */
  async function refusedThroughDcApi(build: (request: WalletRequest) => Promise<Record<string, unknown>>) {
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await dcRequest(flow);
    const sent = await dcAnswer(flow, await WalletHolder.dcApiCredential(request, await build(request)));
    assert.equal(sent.status, 200);
    const { redirect_uri } = JSON.parse(sent.body) as { redirect_uri: string };
    const step = await flow.browser.follow(await flow.browser.get(redirect_uri), toPortal(flow.start.redirectUri));
    assert.equal(step.stoppedAt, undefined, 'nothing reaches the portal');
    const id = /\/wallet\/login\/([^/]+)\/continue/.exec(redirect_uri)![1];
    assert.equal(await fixture.database.db.knex('wallet_transactions').where({ id }).first(), undefined, 'nothing of the refused answer is kept');
    return step.page;
  }

  it('V-18 a presentation bound to another origin is refused: SD-JWT key-binding aud (wallet_audience_mismatch), mdoc DC API handover (wallet_key_binding_invalid)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const sdJwt = await refusedThroughDcApi((request) => answer(request, holder, 'sd-jwt', { origin: 'https://phishing.example' }));
    assert.equal(sdJwt.status, 403);
    assert.match(sdJwt.body, /\bwallet_audience_mismatch\b/);
    const mdoc = await refusedThroughDcApi((request) => answer(request, holder, 'mdoc', { origin: 'https://phishing.example' }));
    assert.equal(mdoc.status, 403);
    assert.match(mdoc.body, /\bwallet_key_binding_invalid\b/);
  });

  it('V-18 over the DC API the key-binding aud must be origin:<origin>, not the client id (OpenID4VP 1.0 A.4); an mdoc signed for the redirect handover fails too', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const byClientId = await refusedThroughDcApi((request) => answer(request, holder, 'sd-jwt', { audience: request.clientId }));
    assert.match(byClientId.body, /\bwallet_audience_mismatch\b/);
    const redirectTranscript = await refusedThroughDcApi((request) => answer({ ...request, origin: undefined as never, responseUri: `${fixture.passerelle.url}/wallet/response` } as WalletRequest, holder, 'mdoc'));
    assert.match(redirectTranscript.body, /\bwallet_key_binding_invalid\b/);
  });

  it('V-19 a DC API answer posted twice is refused the second time (wallet_response_replayed), and cannot answer another login (wallet_transaction_unknown)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await dcRequest(flow);
    const credential = await WalletHolder.dcApiCredential(request, await answer(request, holder, 'sd-jwt'));
    assert.equal((await dcAnswer(flow, credential)).status, 200);
    const again = await dcAnswer(flow, credential);
    assert.equal(again.status, 403);
    assert.equal((JSON.parse(again.body) as { error: string }).error, 'wallet_response_replayed');

    const other = await startWalletLogin(fixture.passerelle, 'kita', {}, flow.browser);
    await dcRequest(other);
    const elsewhere = await dcAnswer(other, credential);
    assert.equal(elsewhere.status, 404);
    assert.equal((JSON.parse(elsewhere.body) as { error: string }).error, 'wallet_transaction_unknown');
  });

  it('only Passerelle\'s own page in the browser that started the login can drive it: another origin or another browser is refused and changes nothing', async () => {
    const flow = await startWalletLogin(fixture.passerelle);
    const urls = dcUrls(flow);
    const crossSite = await pagePost(flow.browser, urls.request, {}, 'https://phishing.example');
    assert.equal(crossSite.status, 403);
    assert.equal((JSON.parse(crossSite.body) as { error: string }).error, 'forbidden');
    const stranger = await fetch(urls.request, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', origin: origin() }, body: '{}' });
    assert.equal(stranger.status, 404);
    const id = /\/wallet\/login\/([^/]+)\/dc-request/.exec(urls.request)![1];
    const row = await fixture.database.db.knex('wallet_transactions').where({ id }).first() as { request_fetched_at: unknown };
    assert.equal(row.request_fetched_at, null, 'the request was not handed out');
    const wrongProtocol = await dcAnswer(flow, { protocol: 'openid4vp-v1-unsigned', data: { response: 'x.y.z.w.v' } });
    assert.equal(wrongProtocol.status, 400);
  });
});
