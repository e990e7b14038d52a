import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { limitFor } from '../../src/web/rate-limits/rules.js';
import { TestBrowser } from './support/browser.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { TestWallet } from './support/test-wallet.js';
import { issueBatch, keys, offerFromPreview, preAuthorizedToken } from './support/vci-steps.js';

const sdJwtConfig = 'evidence.family-composition.sd_jwt';
const mdocConfig = 'evidence.family-composition.mdoc';

describe('evidence/vci: refusals of the issuer change nothing', () => {
  let h: EvidenceHarness;
  let wallet: TestWallet;
  beforeEach(async () => {
    h = await startEvidenceHarness();
    wallet = new TestWallet(h.url, () => h.clock.now(), h.ctx.config.publicUrl);
  });
  afterEach(async () => { await h?.close(); });

  const count = async (table: string) => Number((await h.database.db.knex(table).count({ n: '*' }).first())!.n);
  const error = async (response: Response) => ((await response.json()) as { error: string }).error;
  const wrongCode = (right: string) => String((Number(right) + 1) % 1_000_000).padStart(6, '0');

  it('I-01: a wrong tx_code is invalid_grant and issues no token; the right one still works once, and a reused one is refused', async () => {
    const { offer, txCode } = await offerFromPreview(h);
    const wrong = await wallet.preAuthorizedToken(offer, wrongCode(txCode));
    assert.deepEqual([wrong.status, await error(wrong)], [400, 'invalid_grant']);
    const missing = await wallet.preAuthorizedToken(offer, undefined);
    assert.deepEqual([missing.status, await error(missing)], [400, 'invalid_request']);
    assert.equal(await count('evidence_vci_tokens'), 0);
    await preAuthorizedToken(wallet, offer, txCode);
    const reused = await wallet.preAuthorizedToken(offer, txCode);
    assert.deepEqual([reused.status, await error(reused)], [400, 'invalid_grant']);
    assert.equal(await count('evidence_vci_tokens'), 2, 'one token, one row per configuration');
  });

  it('I-02: after 3 wrong tx_codes the offer is exhausted, even for the right code; an expired offer is refused', async () => {
    const { offer, txCode } = await offerFromPreview(h);
    for (let n = 0; n < 3; n += 1) assert.equal((await wallet.preAuthorizedToken(offer, wrongCode(txCode))).status, 400);
    const right = await wallet.preAuthorizedToken(offer, txCode);
    assert.deepEqual([right.status, await error(right)], [400, 'invalid_grant']);
    assert.equal((await h.database.db.knex('evidence_vci_offers').first()).state, 'exhausted');
    const second = await offerFromPreview(h);
    h.clock.advance(11 * 60_000);
    assert.equal((await wallet.preAuthorizedToken(second.offer, second.txCode)).status, 400);
    assert.equal(await count('evidence_vci_tokens'), 0);
  });

  it('I-03: a replayed proof (its nonce already consumed) is invalid_nonce and stores nothing; a nonce Passerelle never issued too', async () => {
    const { offer, txCode } = await offerFromPreview(h);
    const token = await preAuthorizedToken(wallet, offer, txCode);
    const holders = await keys(2);
    const nonce = await wallet.nonce();
    const proofs = await Promise.all(holders.map((k) => wallet.proof(k, nonce)));
    assert.equal((await wallet.credential(token, sdJwtConfig, proofs)).status, 200);
    const before = await count('evidence_vci_credentials');
    const replay = await wallet.credential(token, mdocConfig, proofs);
    assert.deepEqual([replay.status, await error(replay)], [400, 'invalid_nonce']);
    const invented = await wallet.credential(token, mdocConfig, [await wallet.proof(holders[0]!, randomBytes(32).toString('base64url'))]);
    assert.deepEqual([invented.status, await error(invented)], [400, 'invalid_nonce']);
    assert.equal(await count('evidence_vci_credentials'), before);
    assert.equal(await count('evidence_status_entries'), before + 1, 'no status entry for a refused request (the one extra is the wallet consent\'s)');
    // The refused requests did not spend the token's use for mdoc.
    assert.equal((await issueBatch(h, wallet, token, mdocConfig, holders)).length, 2);
  });

  it('I-04: key proofs with the wrong typ, audience, an old or future iat, a kid beside the jwk, or one key twice are invalid_proof, and the nonce stays unspent', async () => {
    const { offer, txCode } = await offerFromPreview(h);
    const token = await preAuthorizedToken(wallet, offer, txCode);
    const [a, b] = await keys(2);
    const nonce = await wallet.nonce();
    const now = Math.floor(h.clock.now() / 1000);
    const bad = [
      [await wallet.proof(a!, nonce, { typ: 'JWT' })],
      [await wallet.proof(a!, nonce, { aud: 'https://other-issuer.example' })],
      [await wallet.proof(a!, nonce, { iat: now - 3600 })],
      [await wallet.proof(a!, nonce, { iat: now + 3600 })],
      [await wallet.proof(a!, nonce, { kid: 'did:example:other#1' })],
      [await wallet.proof(a!, nonce), await wallet.proof(a!, nonce)],
    ];
    for (const proofs of bad) {
      const response = await wallet.credential(token, sdJwtConfig, proofs);
      assert.deepEqual([response.status, await error(response)], [400, 'invalid_proof']);
    }
    const foreignToken = await wallet.credential(randomBytes(32).toString('base64url'), sdJwtConfig, [await wallet.proof(a!, nonce)]);
    assert.deepEqual([foreignToken.status, await error(foreignToken)], [401, 'invalid_token']);
    assert.equal(await count('evidence_vci_credentials'), 0);
    const ok = await wallet.credential(token, sdJwtConfig, [await wallet.proof(a!, nonce), await wallet.proof(b!, nonce)]);
    assert.equal(ok.status, 200, 'the same nonce is still fresh');
  });

  it('I-05: PKCE failure is invalid_grant and spends the code; a plain challenge is refused at the authorization endpoint', async () => {
    const { offer, browser } = await offerFromPreview(h);
    browser.cookies.set('test_session', h.oidc.openSession(h.citizenKeyOf('it-giulia-rossi')));
    const plain = await browser.get(`/oid4vci/authorize?${new URLSearchParams({
      response_type: 'code', client_id: 'w', redirect_uri: 'https://wallet.example/cb', code_challenge: 'x'.repeat(43), code_challenge_method: 'plain',
      issuer_state: offer.grants.authorization_code!.issuer_state,
    }).toString()}`);
    assert.equal(plain.status, 400);
    const { token } = await wallet.authorizationCode(offer, browser, { sendVerifier: randomBytes(32).toString('base64url') });
    assert.deepEqual([token?.status, await error(token!)], [400, 'invalid_grant']);
    assert.equal(await count('evidence_vci_tokens'), 0);
    assert.equal(await count('evidence_vci_codes'), 1);
    assert.notEqual((await h.database.db.knex('evidence_vci_codes').first()).used_at, null, 'the code is spent');
    // The offer was taken by the authorization: neither grant can use it again.
    const again = await wallet.authorizationCode(offer, browser);
    assert.equal(again.authorize.status, 404);
  });

  it('I-11: two instances behave as one: a pre-authorized code raced at both is redeemed once, and a nonce spent at one is spent at the other', async () => {
    const other = await h.secondInstance();
    const { offer, txCode } = await offerFromPreview(h);
    const at = (base: string) => new TestWallet(base, () => h.clock.now(), h.ctx.config.publicUrl);
    const raced = await Promise.all([at(h.url).preAuthorizedToken(offer, txCode), at(other.url).preAuthorizedToken(offer, txCode)]);
    assert.deepEqual(raced.map((r) => r.status).sort(), [200, 400]);
    const token = ((await raced.find((r) => r.status === 200)!.json()) as { access_token: string }).access_token;
    const [key] = await keys(1);
    const nonce = await at(h.url).nonce();
    const proofs = [await wallet.proof(key!, nonce)];
    assert.equal((await at(other.url).credential(token, sdJwtConfig, proofs)).status, 200);
    const replay = await at(h.url).credential(token, mdocConfig, proofs);
    assert.deepEqual([replay.status, await error(replay)], [400, 'invalid_nonce']);
    assert.equal(limitFor('/oid4vci/nonce'), 'backChannel', 'the unauthenticated nonce endpoint is rate-limited like other back-channel calls');
    assert.equal(limitFor('/oid4vci/credential'), 'backChannel');
  });

  it('I-06: the authorization endpoint sends a browser without a session to log in first, and redirects nowhere before every check passed', async () => {
    const { offer } = await offerFromPreview(h);
    const anonymous = new TestBrowser(h.url);
    const { authorize } = await wallet.authorizationCode(offer, anonymous);
    assert.equal(authorize.status, 303);
    assert.match(authorize.headers.get('location') ?? '', /^\/test\/oidc\/login\?return_to=/);
    const evil = await anonymous.get(`/oid4vci/authorize?${new URLSearchParams({
      response_type: 'code', client_id: 'w', redirect_uri: 'javascript:alert(1)', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256', issuer_state: 'nope',
    }).toString()}`);
    assert.equal(evil.status, 400);
    assert.equal(evil.headers.get('location'), null);
  });
});
