import assert from 'node:assert/strict';
import { errorCatalogue, type ErrorCode } from '../../../src/core/errors.js';
import { WalletHolder, type WalletRequest } from '../../../src/demo/wallet/holder.js';
import { toPortal } from '../../outbound/oidc/support/flow.js';
import { alterDisclosedItem, editDeviceResponse, issueWithLongFormValues, reencodeDisclosedItem } from './support/mdoc-bytes.js';
import { answer, finishAtPortal, giuliasWallet, startWalletLogin } from './support/wallet-flow.js';
import { withWalletPasserelle } from './support/wallet-passerelle.js';

/** Replaces the value of the first disclosure that holds `claim`, keeping its salt: the digest no longer matches. */
function alterDisclosure(presentation: string, claim: string, value: unknown): string {
  const parts = presentation.split('~');
  const index = parts.findIndex((part, i) => i > 0 && i < parts.length - 1 && (JSON.parse(Buffer.from(part, 'base64url').toString()) as unknown[])[1] === claim);
  assert.ok(index > 0, `a disclosure of ${claim}`);
  const [salt] = JSON.parse(Buffer.from(parts[index]!, 'base64url').toString()) as [string];
  parts[index] = Buffer.from(JSON.stringify([salt, claim, value])).toString('base64url');
  return parts.join('~');
}

describe('Wallet presentations Passerelle refuses: a stable code, a readable page, no login and nothing kept', function () {
  this.timeout(60_000);
  const fixture = withWalletPasserelle();

  /**
   * Starts a wallet login, lets `build` make the answer for its request, sends it, and continues in
   * the browser. Returns the page the citizen sees; asserts the portal heard nothing and the
   * transaction (with anything it held) is gone.
   */
  async function refused(build: (request: WalletRequest) => Promise<Record<string, unknown>>): Promise<{ status: number; body: string }> {
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await build(request));
    assert.equal(sent.status, 200, 'the wallet is sent back to the browser');
    const { redirect_uri } = await sent.json() as { redirect_uri: string };
    const step = await flow.browser.follow(await flow.browser.get(redirect_uri), toPortal(flow.start.redirectUri));
    assert.equal(step.stoppedAt, undefined, 'nothing reaches the portal');
    const id = /\/wallet\/login\/([^/]+)\/continue/.exec(redirect_uri)![1];
    assert.equal(await fixture.database.db.knex('wallet_transactions').where({ id }).first(), undefined, 'nothing of the refused answer is kept');
    return { status: step.page.status, body: step.page.body };
  }

  function assertRefusal(page: { status: number; body: string }, code: ErrorCode) {
    assert.equal(page.status, errorCatalogue[code].status, page.body.slice(0, 500));
    assert.match(page.body, new RegExp(`\\b${code}\\b`));
    assert.match(page.body, /<h1>Something went wrong<\/h1>/);
  }

  it('V-01 a vp_token replayed into another login is refused for its nonce (wallet_nonce_mismatch)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const first = await startWalletLogin(fixture.passerelle);
    const firstRequest = await WalletHolder.fetchRequest(first.invocation);
    const captured = await answer(firstRequest, holder, 'sd-jwt');
    assertRefusal(await refused(async (request) => ({ vp_token: captured.vp_token, state: request.state })), 'wallet_nonce_mismatch');
  });

  it('V-02 the same encrypted answer posted twice is refused the second time (wallet_response_replayed)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const jwe = await WalletHolder.encryptAnswer(request, await answer(request, holder, 'sd-jwt'));
    const post = () => fetch(request.responseUri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: new URLSearchParams({ response: jwe }).toString() });
    assert.equal((await post()).status, 200);
    const again = await post();
    assert.equal(again.status, 403);
    assert.equal((await again.json() as { error: string }).error, 'wallet_response_replayed');
  });

  it('V-03 a key-binding JWT with another nonce is refused (wallet_nonce_mismatch)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused((request) => answer(request, holder, 'sd-jwt', { nonce: 'not-the-nonce' })), 'wallet_nonce_mismatch');
  });

  it('V-04 a key-binding JWT for another verifier is refused (wallet_audience_mismatch)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused((request) => answer(request, holder, 'sd-jwt', { audience: 'x509_hash:another-verifier' })), 'wallet_audience_mismatch');
  });

  it('V-05 a revoked PID is refused through its Token Status List entry (wallet_credential_revoked)', async () => {
    const holder = await giuliasWallet(fixture.passerelle, { statusIndex: 7 });
    fixture.passerelle.italy.revoke(7);
    assertRefusal(await refused((request) => answer(request, holder, 'sd-jwt')), 'wallet_credential_revoked');
  });

  it('V-16 a revoked mdoc PID is refused through the status_list entry in its MSO (wallet_credential_revoked)', async () => {
    const holder = await giuliasWallet(fixture.passerelle, { statusIndex: 9 });
    fixture.passerelle.italy.revoke(9);
    assertRefusal(await refused((request) => answer(request, holder, 'mdoc')), 'wallet_credential_revoked');
    assertRefusal(await refused((request) => answer(request, holder, 'sd-jwt')), 'wallet_credential_revoked');
  });

  for (const format of ['sd-jwt', 'mdoc'] as const) {
    it(`a ${format} PID whose status entry is valid passes the status check`, async () => {
      const holder = await giuliasWallet(fixture.passerelle, { statusIndex: 8 });
      const flow = await startWalletLogin(fixture.passerelle);
      const request = await WalletHolder.fetchRequest(flow.invocation);
      const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, format));
      const page = await flow.browser.follow(await flow.browser.get((await sent.json() as { redirect_uri: string }).redirect_uri));
      assert.match(page.page.body, /action="\/interaction\/[^"]+\/consent"/);
    });
  }

  it('V-17 an mdoc item re-encoded by the holder (same values, other bytes) is refused: digests are over the bytes received (wallet_disclosure_invalid)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused(async (request) => {
      const presentation = await holder.presentMdoc(request);
      return { vp_token: { pid_mdoc: [reencodeDisclosedItem(presentation, 'family_name')] }, state: request.state };
    }), 'wallet_disclosure_invalid');
  });

  it('V-17 an mdoc whose issuer encoded its items in a valid non-preferred form logs in: the digests match the bytes as sent, not a re-encoding', async () => {
    const holder = await giuliasWallet(fixture.passerelle, { encodeMdocItem: issueWithLongFormValues });
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const sent = await WalletHolder.sendAnswer(request, await answer(request, holder, 'mdoc'));
    const { claims } = await finishAtPortal(fixture.passerelle, flow, (await sent.json() as { redirect_uri: string }).redirect_uri);
    assert.equal(claims.acr, 'urn:passerelle:acr:eudi-wallet-pid:high');
  });

  it('V-06 a PID from a provider outside the trusted list is refused (wallet_issuer_untrusted), in both formats', async () => {
    const holder = await giuliasWallet(fixture.passerelle, { provider: 'rogue' });
    assertRefusal(await refused((request) => answer(request, holder, 'sd-jwt')), 'wallet_issuer_untrusted');
    assertRefusal(await refused((request) => answer(request, holder, 'mdoc')), 'wallet_issuer_untrusted');
  });

  it('V-07 a presentation without its key-binding JWT is refused (wallet_key_binding_missing)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused(async (request) => {
      const presentation = await holder.presentSdJwt(request);
      return { vp_token: { pid_sd_jwt: [presentation.slice(0, presentation.lastIndexOf('~') + 1)] }, state: request.state };
    }), 'wallet_key_binding_missing');
  });

  it('V-08 an altered disclosure is refused (wallet_disclosure_invalid)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused(async (request) => {
      const presentation = await holder.presentSdJwt(request);
      return { vp_token: { pid_sd_jwt: [alterDisclosure(presentation, 'birthdate', '1970-01-01')] }, state: request.state };
    }), 'wallet_disclosure_invalid');
  });

  it('V-04 V-07 V-08 the same refusals for an mdoc: another verifier\'s client id in the SessionTranscript, no device signature, an item with another value', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused((request) => answer(request, holder, 'mdoc', { audience: 'x509_hash:another-verifier' })), 'wallet_key_binding_invalid');
    assertRefusal(await refused(async (request) => {
      const presentation = editDeviceResponse(await holder.presentMdoc(request), (document) => { document.delete('deviceSigned'); });
      return { vp_token: { pid_mdoc: [presentation] }, state: request.state };
    }), 'wallet_key_binding_missing');
    assertRefusal(await refused(async (request) => {
      const presentation = alterDisclosedItem(await holder.presentMdoc(request), 'family_name', 'Bianchi');
      return { vp_token: { pid_mdoc: [presentation] }, state: request.state };
    }), 'wallet_disclosure_invalid');
  });

  it('V-09 an issuer JWT whose payload was changed is refused (wallet_signature_invalid)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused(async (request) => {
      const [jwt, ...rest] = (await holder.presentSdJwt(request)).split('~');
      const [h, p, s] = jwt!.split('.');
      const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
      payload.exp = (payload.exp as number) + 3600;
      return { vp_token: { pid_sd_jwt: [[`${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`, ...rest].join('~')] }, state: request.state };
    }), 'wallet_signature_invalid');
  });

  it('V-11 an expired PID is refused (wallet_credential_expired), in both formats', async () => {
    const holder = await giuliasWallet(fixture.passerelle, { expiresAt: Math.floor(Date.now() / 1000) - 3600 });
    assertRefusal(await refused((request) => answer(request, holder, 'sd-jwt')), 'wallet_credential_expired');
    assertRefusal(await refused((request) => answer(request, holder, 'mdoc')), 'wallet_credential_expired');
  });

  it('V-10 an mdoc signed over another SessionTranscript is refused (wallet_key_binding_invalid)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused((request) => answer(request, holder, 'mdoc', { responseUri: 'https://elsewhere.example/response' } as never)), 'wallet_key_binding_invalid');
    assertRefusal(await refused((request) => answer(request, holder, 'mdoc', { nonce: 'another-nonce' })), 'wallet_key_binding_invalid');
  });

  it('V-12 an answer to a query we did not ask is refused (wallet_response_malformed)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    assertRefusal(await refused(async (request) => ({ vp_token: { some_other_query: [await holder.presentSdJwt(request)] }, state: request.state })), 'wallet_response_malformed');
  });

  it('a login the citizen declines in the wallet ends on a page saying so (wallet_declined)', async () => {
    assertRefusal(await refused(async (request) => ({ error: 'access_denied', state: request.state })), 'wallet_declined');
  });

  it('an answer to an unknown or expired transaction changes nothing (wallet_transaction_unknown)', async () => {
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    const forged = { ...request, encryptionJwk: { ...request.encryptionJwk, kid: 'no-such-key' } };
    const sent = await WalletHolder.sendAnswer(forged, { state: request.state, vp_token: {} });
    assert.equal(sent.status, 404);
    assert.equal((await sent.json() as { error: string }).error, 'wallet_transaction_unknown');
  });

  it('V-13 another browser cannot finish the login (the transaction is bound to the browser that started it)', async () => {
    const holder = await giuliasWallet(fixture.passerelle);
    const flow = await startWalletLogin(fixture.passerelle);
    const request = await WalletHolder.fetchRequest(flow.invocation);
    await WalletHolder.sendAnswer(request, await answer(request, holder, 'sd-jwt'));
    const continueUrl = `${fixture.passerelle.url}${/id="wallet-continue" href="([^"]+)"/.exec(flow.page.body)![1]}`;
    const stranger = await fetch(continueUrl, { redirect: 'manual' });
    assert.equal(stranger.status, 404);
    assert.match(await stranger.text(), /wallet_transaction_unknown/);
  });
});
