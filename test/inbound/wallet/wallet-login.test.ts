import assert from 'node:assert/strict';
import * as client from 'openid-client';
import { WalletHolder } from '../../../src/demo/wallet/holder.js';
import { TestBrowser } from '../../outbound/oidc/support/browser.js';
import { fullLogin, rpConfig, startAuthorization } from '../../outbound/oidc/support/flow.js';
import { answer, finishAtPortal, giulia, giuliasWallet, startWalletLogin } from './support/wallet-flow.js';
import { withWalletPasserelle } from './support/wallet-passerelle.js';
import { walletMessages } from '../../../src/inbound/wallet/messages.js';
import { escapeHtml } from '../../../src/web/html.js';
import { supportedLanguages, translator, type Language } from '../../../src/web/i18n.js';

describe('EU Digital Identity Wallet login through the OpenID Provider (OpenID4VP verifier)', function () {
  this.timeout(60_000);
  const fixture = withWalletPasserelle();

  it('the request object carries client_id x509_hash, direct_post.jwt, a DCQL query for both PID formats and the portal\'s verifier_info', async () => {
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    assert.match(request.clientId, /^x509_hash:[A-Za-z0-9_-]{43}$/);
    assert.equal(request.header.alg, 'ES256');
    assert.equal(request.claims.response_type, 'vp_token');
    assert.equal(request.responseMode, 'direct_post.jwt');
    assert.equal(request.responseUri, `${fixture.passerelle.url}/wallet/response`);
    assert.ok(request.walletNonce && request.claims.wallet_nonce === request.walletNonce, 'request_uri_method=post: wallet_nonce echoed');
    const formats = request.dcqlQuery.credentials.map((c) => [c.id, c.format]);
    assert.deepEqual(formats, [['pid_sd_jwt', 'dc+sd-jwt'], ['pid_mdoc', 'mso_mdoc']]);
    assert.deepEqual((request.dcqlQuery.credentials[0] as unknown as { meta: unknown }).meta, { vct_values: ['urn:eudi:pid:1'] });
    assert.deepEqual((request.dcqlQuery.credentials[1] as unknown as { meta: unknown }).meta, { doctype_value: 'eu.europa.ec.eudi.pid.1' });
    assert.equal(request.encryptionJwk.crv, 'P-256');
    assert.deepEqual((request.claims.client_metadata as { encrypted_response_enc_values_supported: string[] }).encrypted_response_enc_values_supported, ['A128GCM', 'A256GCM']);
    assert.equal(request.verifierInfo[0]!.format, 'registration_cert');
    const registration = JSON.parse(Buffer.from(request.verifierInfo[0]!.data.split('.')[1]!, 'base64url').toString()) as { sub: string };
    assert.equal(registration.sub, 'kita', 'the wallet is told which portal asks');
    await assert.rejects(WalletHolder.fetchRequest(flow.invocation), /HTTP 404/, 'the request object is handed out once');
  });

  it('asks only for the claims the portal may receive', async () => {
    const flow = await startWalletLogin(fixture.passerelle, 'kita');
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const asked = new Set(request.dcqlQuery.credentials[0]!.claims.map((c) => c.path[0]));
    for (const claim of ['family_name', 'given_name', 'birthdate', 'issuing_country']) assert.ok(asked.has(claim), claim);
    for (const claim of ['email', 'phone_number', 'nationalities']) assert.ok(!asked.has(claim), `${claim} is not released to kita`);
  });

  it('an SD-JWT VC PID logs Giulia in same-device: ID token with the wallet acr, userinfo with her PID data', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, 'sd-jwt'));
    assert.equal(sent.status, 200);
    const { redirect_uri } = await sent.json() as { redirect_uri: string };
    assert.match(redirect_uri, /\/wallet\/login\/[^/]+\/continue\?response_code=/);
    const { tokens, claims } = await finishAtPortal(fixture.passerelle, flow, redirect_uri);
    assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
    assert.deepEqual(claims.amr, ['openid4vp']);
    const userinfo = await client.fetchUserInfo(flow.config, tokens.access_token, claims.sub);
    assert.equal(userinfo.family_name, giulia.familyName);
    assert.equal(userinfo.given_name, giulia.givenName);
    assert.equal(userinfo.birthdate, giulia.dateOfBirth);
    const id = /\/wallet\/login\/([^/]+)\/continue/.exec(redirect_uri)![1];
    assert.equal(await fixture.database.db.knex('wallet_transactions').where({ id }).first(), undefined, 'the transaction is gone after the hand-off');
  });

  it('an mdoc PID logs Giulia in cross-device: the page polls, then continues, with A256GCM encryption', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle);
    assert.match(flow.page.body, /<svg[^>]*>/, 'the QR code is on the page');
    const statusUrl = `${fixture.passerelle.url}${/data-status-url="([^"]+)"/.exec(flow.page.body)![1]}`;
    assert.deepEqual(JSON.parse((await flow.browser.get(statusUrl)).body), { status: 'pending' });
    const continueUrl = `${fixture.passerelle.url}${/id="wallet-continue" href="([^"]+)"/.exec(flow.page.body)![1]}`;
    const early = await flow.browser.get(continueUrl);
    assert.equal(early.status, 409, 'continuing before the wallet answered shows the page again');
    assert.match(early.body, /has not answered yet/);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, 'mdoc'), { enc: 'A256GCM' });
    assert.equal(sent.status, 200, await sent.clone().text());
    // The phone opens the redirect without the browser's cookie: it is told to go back.
    const phone = await fetch((await sent.json() as { redirect_uri: string }).redirect_uri);
    assert.match(await phone.text(), /Return to the device where you started/);
    assert.deepEqual(JSON.parse((await flow.browser.get(statusUrl)).body), { status: 'answered' });
    const { tokens, claims } = await finishAtPortal(fixture.passerelle, flow, continueUrl);
    assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
    const userinfo = await client.fetchUserInfo(flow.config, tokens.access_token, claims.sub);
    assert.equal(userinfo.family_name, giulia.familyName);
    assert.equal(userinfo.birthdate, giulia.dateOfBirth);
  });

  it("the phone's 'go back to the other device' page speaks the phone's language, every language, and no other", async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, 'sd-jwt'));
    const { redirect_uri } = await sent.json() as { redirect_uri: string };
    const texts = (lang: Language) => [translator(walletMessages, lang)('doneElsewhereTitle'), translator(walletMessages, lang)('doneElsewhereBody')];
    for (const lang of supportedLanguages) {
      const phone = await fetch(redirect_uri, { headers: { 'accept-language': lang } });
      const body = await phone.text();
      assert.equal(phone.status, 200, `${lang}: ${body}`);
      assert.match(body, new RegExp(`<html lang="${lang}"`), lang);
      for (const text of texts(lang)) assert.ok(body.includes(escapeHtml(text)), `${lang}: ${text}`);
      for (const other of supportedLanguages.filter((l) => l !== lang)) {
        for (const text of texts(other).filter((t) => !texts(lang).includes(t))) assert.ok(!body.includes(escapeHtml(text)), `${lang} page shows ${other}: ${text}`);
      }
    }
  });

  for (const format of ['sd-jwt', 'mdoc'] as const) {
    for (const mode of ['same-device', 'cross-device'] as const) {
      it(`${format} PID, ${mode}: through the OpenID Provider to the portal (openid-client), with her data`, async () => {
        const holder = await giuliasWallet(fixture.passerelle);
        const flow = await startWalletLogin(fixture.passerelle);
        const request = await WalletHolder.fetchRequest(flow.invocation);
        const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, format));
        const { redirect_uri } = await sent.json() as { redirect_uri: string };
        let next = redirect_uri;
        if (mode === 'cross-device') {
          // The wallet's redirect opens on the phone (no cookie); the first browser continues by itself.
          assert.match(await (await fetch(redirect_uri)).text(), /Return to the device where you started/);
          next = `${fixture.passerelle.url}${/id="wallet-continue" href="([^"]+)"/.exec(flow.page.body)![1]}`;
        }
        const { tokens, claims } = await finishAtPortal(fixture.passerelle, flow, next);
        assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
        const userinfo = await client.fetchUserInfo(flow.config, tokens.access_token, claims.sub);
        assert.equal(userinfo.family_name, giulia.familyName);
        assert.equal(userinfo.birthdate, giulia.dateOfBirth);
      });
    }
  }

  it('a wallet login and an eIDAS login of the same person never share a sub unlinked; two wallet logins do', async () => {
    const config = await rpConfig(fixture.passerelle.issuer, 'kita');
    const eidas = await fullLogin(config, 'kita', { country: 'IT' });
    const subs: string[] = [];
    const holder = await giuliasWallet(fixture.passerelle);
    for (const format of ['sd-jwt', 'mdoc'] as const) {
      const flow = await startWalletLogin(fixture.passerelle);
      const request = await WalletHolder.fetchRequest(flow.invocation);
      const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, format));
      subs.push((await finishAtPortal(fixture.passerelle, flow, (await sent.json() as { redirect_uri: string }).redirect_uri)).claims.sub);
    }
    assert.equal(subs[0], subs[1], 'the same PID (either format) is the same wallet subject');
    assert.notEqual(subs[0], eidas.claims.sub);
  });

  it('a portal without a registration certificate is not offered the wallet', async () => {
    const config = await rpConfig(fixture.passerelle.issuer, 'spa');
    const start = await startAuthorization(config, 'spa');
    const browser = new TestBrowser();
    const page = (await browser.follow(await browser.get(start.url.href))).page;
    assert.match(page.body, /\/country\/IT/);
    assert.doesNotMatch(page.body, /\/wallet"/);
    const uid = /\/interaction\/([^/"]+)\/country/.exec(page.body)![1]!;
    const refused = await browser.get(`${fixture.passerelle.url}/interaction/${uid}/wallet`);
    assert.equal(refused.status, 404);
    assert.match(refused.body, /wallet_unavailable/);
  });

  it('acr_values of either kind name a level: an eIDAS substantial or a wallet high request is met by a PID notified at high', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    for (const acr of ['http://eidas.europa.eu/LoA/substantial', 'urn:passerelle:acr:eudi-wallet-pid:high']) {
      const flow = await startWalletLogin(fixture.passerelle, 'kita', { acr_values: acr });
      const request = await WalletHolder.fetchRequest(flow.invocation);
      const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, 'sd-jwt'));
      const { claims } = await finishAtPortal(fixture.passerelle, flow, (await sent.json() as { redirect_uri: string }).redirect_uri);
      assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high', acr);
    }
  });
});
