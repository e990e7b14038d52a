import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { expireMandates, revokeMandate } from '../../../src/evidence/mandate/end.js';
import { createMandateOffer } from '../../../src/evidence/mandate/wallet.js';
import { csrfOf, TestBrowser } from '../support/browser.js';
import { actForChild, startEvidenceHarness, type EvidenceHarness } from '../support/harness.js';
import { textOf } from '../support/page-text.js';
import { fetchAll } from '../support/steps.js';
import { TestWallet, type ParsedOffer } from '../support/test-wallet.js';
import { issueBatch, keys, preAuthorizedToken } from '../support/vci-steps.js';

const config = 'representation.sd_jwt';
interface Person { given_name: string; family_name: string; birthdate: string }
interface Claims { representative: Person; represented: Person; procedure: string; relationship: string; exp: number; status: { status_list: { idx: number; uri: string } } }

describe('evidence/mandate: the representation attestation goes to the wallet through the evidence issuer', () => {
  let h: EvidenceHarness;
  let wallet: TestWallet;
  beforeEach(async () => {
    h = await startEvidenceHarness();
    wallet = new TestWallet(h.url, () => h.clock.now(), h.ctx.config.publicUrl);
  });
  afterEach(async () => { await h?.close(); });

  /** Giulia grants a mandate for Sofia, then opens /me with a session. */
  async function giuliaGrants(): Promise<{ browser: TestBrowser; mandateId: string; citizenKey: string; me: string }> {
    const browser = new TestBrowser(h.url);
    const flow = await fetchAll(h, browser, 'it-giulia-rossi', [actForChild]);
    const preview = await (await browser.get(`${flow}/items/0/preview`)).text();
    const before = h.oidc.completed.length;
    assert.equal((await browser.post(`${flow}/share`, { csrf: csrfOf(preview), days: '1', child_0: '0' })).status, 303);
    const outcome = h.oidc.completed[before]!.result;
    assert.ok(outcome.decision === 'shared' && outcome.mandates?.length === 1);
    const citizenKey = h.citizenKeyOf('it-giulia-rossi');
    browser.cookies.set('test_session', h.oidc.openSession(citizenKey));
    const me = await (await browser.get('/me')).text();
    return { browser, mandateId: outcome.mandates[0]!.mandateId, citizenKey, me };
  }

  async function offerFromMe(browser: TestBrowser, me: string, mandateId: string, lang?: string): Promise<{ response: Response; offer?: ParsedOffer; txCode?: string; page: string }> {
    const section = me.slice(me.indexOf('id="mandates"'));
    const response = await browser.post(`/me/mandates/${mandateId}/wallet`, { csrf: csrfOf(section) }, lang ? { 'accept-language': lang } : undefined);
    const page = await response.text();
    const link = /id="wallet-offer-link" href="([^"]+)"/.exec(page)?.[1];
    const txCode = /id="tx-code">(\d+)</.exec(page)?.[1];
    return { response, page, ...(link ? { offer: TestWallet.parseOffer(link) } : {}), ...(txCode ? { txCode } : {}) };
  }

  const local = (uri: string) => h.url + new URL(uri).pathname;

  it('issues the mandate as SD-JWT VCs through the pre-authorized flow: own vct with Type Metadata, representative/represented/procedure disclosable, exp at most the mandate\'s end, a status entry each', async () => {
    const { browser, mandateId, me } = await giuliaGrants();
    assert.ok(me.includes(`/me/mandates/${mandateId}/wallet`), '/me offers the mandate to the wallet');
    const { response, offer, txCode, page } = await offerFromMe(browser, me, mandateId);
    assert.equal(response.status, 200, page);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.ok(textOf(page).includes('Representation attestation: Sofia Bianchi') && page.includes('<svg'), 'the offer page names the mandate and has a QR code');
    assert.deepEqual(offer!.credential_configuration_ids, [config]);
    const metadata = await wallet.metadata();
    const vct = `${h.ctx.config.publicUrl}/credentials/types/representation`;
    assert.equal(metadata.credential_configurations_supported[config]!.vct, vct);
    const typeBytes = Buffer.from(await (await fetch(`${h.url}/credentials/types/representation`)).arrayBuffer());
    const typeMetadata = JSON.parse(typeBytes.toString('utf8')) as { vct: string; display: Array<{ locale: string; name: string }> };
    assert.equal(typeMetadata.vct, vct);
    assert.deepEqual(typeMetadata.display.map((d) => d.locale), ['en', 'de', 'it', 'es', 'fr', 'sr-Latn', 'sr-Cyrl']);
    assert.equal(typeMetadata.display.find((d) => d.locale === 'de')?.name, 'Vertretungsnachweis');

    const token = await preAuthorizedToken(wallet, offer!, txCode!);
    const holders = await keys(3);
    const credentials = await issueBatch(h, wallet, token, config, holders);
    assert.equal(credentials.length, 3);
    const mandate = await h.database.db.knex('evidence_mandates').where({ id: mandateId }).first();
    const signing = h.ctx.keystore.active('evidence-signing', 'EC');
    const indexes = new Set<number>();
    for (const [i, credential] of credentials.entries()) {
      const issuerJwt = credential.split('~')[0]!;
      await compactVerify(issuerJwt, signing.publicKey!);
      assert.equal(decodeProtectedHeader(issuerJwt).typ, 'dc+sd-jwt');
      const payload = decodeJwt(issuerJwt) as Record<string, unknown> & Claims;
      assert.equal(payload.vct, vct);
      assert.equal(payload['vct#integrity'], `sha256-${createHash('sha256').update(typeBytes).digest('base64')}`);
      assert.deepEqual((payload.cnf as { jwk: { x: string } }).jwk.x, holders[i]!.publicJwk.x);
      assert.equal(payload.represented, undefined, 'the child is selectively disclosable, not in the clear');
      assert.ok(payload.exp * 1000 <= Number(mandate.expires_at), 'the wallet copy ends no later than the mandate');
      indexes.add(payload.status.status_list.idx);
      const claims = await (await new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' }).decode(credential)).getClaims<Claims>(digest);
      assert.deepEqual([claims.representative.given_name, claims.representative.family_name], ['Giulia', 'Rossi']);
      assert.deepEqual([claims.represented.given_name, claims.represented.family_name, claims.represented.birthdate], ['Sofia', 'Bianchi', '2022-09-03']);
      assert.equal(claims.procedure, mandate.procedure);
      assert.equal(claims.relationship, 'parent');
    }
    assert.equal(indexes.size, 3, 'each credential has its own status entry');
    // The same token is spent for this configuration; the evidence configurations were never in it.
    const again = await wallet.credential(token, config, [await wallet.proof(holders[0]!, await wallet.nonce())]);
    assert.equal(again.status, 401);
    const other = await wallet.credential(token, 'evidence.family-composition.sd_jwt', [await wallet.proof(holders[0]!, await wallet.nonce())]);
    assert.equal(other.status, 401);
    const after = await browser.get('/me');
    assert.equal(after.status, 200, 'the tracker shows the wallet issuance');
  });

  it('the offer page is in the citizen\'s language', async () => {
    const { browser, mandateId, me } = await giuliaGrants();
    const { response, page } = await offerFromMe(browser, me, mandateId, 'it');
    assert.equal(response.status, 200);
    assert.ok(page.includes('lang="it"') && textOf(page).includes('Attestazione di rappresentanza: Sofia Bianchi') && textOf(page).includes('Torna alle mie deleghe'));
  });

  it('I-12 revoking the mandate revokes its wallet copies in the same transaction; a verifier caching the status list sees it once the ttl has passed', async () => {
    const { browser, mandateId, citizenKey, me } = await giuliaGrants();
    const { offer, txCode } = await offerFromMe(browser, me, mandateId);
    const [credential] = await issueBatch(h, wallet, await preAuthorizedToken(wallet, offer!, txCode!), config, await keys(1));
    const { status } = decodeJwt(credential!.split('~')[0]!) as unknown as Claims;
    const cached = await (await fetch(local(status.status_list.uri))).text();
    const ttl = (decodeJwt(cached) as { ttl: number }).ttl;
    const fetchedAt = h.clock.now();
    assert.equal(getListFromStatusListJWT(cached).getStatus(status.status_list.idx), 0);
    assert.equal(await revokeMandate(h.ctx, citizenKey, mandateId), 'revoked');
    h.clock.advance((ttl - 1) * 1000);
    assert.equal(getListFromStatusListJWT(cached).getStatus(status.status_list.idx), 0, 'a verifier keeps its copy until the ttl is over');
    h.clock.advance(2000);
    assert.ok(h.clock.now() - fetchedAt >= ttl * 1000);
    const fresh = getListFromStatusListJWT(await (await fetch(local(status.status_list.uri))).text());
    assert.equal(fresh.getStatus(status.status_list.idx), 1);
    const [offerRow] = await h.database.db.knex('evidence_vci_offers').where({ mandate_id: mandateId });
    assert.ok(offerRow.revoked_at !== null, 'the offer issues nothing more');
  });

  it('an expired mandate\'s wallet copies are revoked by the retention run', async () => {
    const { browser, mandateId, me } = await giuliaGrants();
    const { offer, txCode } = await offerFromMe(browser, me, mandateId);
    const [credential] = await issueBatch(h, wallet, await preAuthorizedToken(wallet, offer!, txCode!), config, await keys(1));
    const { status } = decodeJwt(credential!.split('~')[0]!) as unknown as Claims;
    h.clock.advance(31 * 86_400_000);
    assert.equal(await expireMandates(h.ctx, h.clock.now(), 10), 1);
    const knex = h.database.db.knex;
    const entries = await knex('evidence_status_entries').whereIn('consent_id', knex('evidence_vci_credentials').select('id').where({ consent_id: mandateId })).select('status', 'idx');
    assert.deepEqual(entries.map((e) => [Number(e.idx), Number(e.status)]), [[status.status_list.idx, 1]], 'the credential\'s entry is INVALID');
  });

  it('refuses an offer for a mandate already ended, and a credential request after the mandate ended meanwhile, issuing nothing', async () => {
    const { browser, mandateId, citizenKey, me } = await giuliaGrants();
    const { offer, txCode } = await offerFromMe(browser, me, mandateId);
    const token = await preAuthorizedToken(wallet, offer!, txCode!);
    await revokeMandate(h.ctx, citizenKey, mandateId);
    const refused = await wallet.credential(token, config, [await wallet.proof((await keys(1))[0]!, await wallet.nonce())]);
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as { error: string }).error, 'credential_request_denied');
    const again = await offerFromMe(browser, me, mandateId);
    assert.equal(again.response.status, 403);
    assert.ok(again.page.includes('mandate_inactive'), 'the refusal names its code');
    assert.equal(again.offer, undefined);
    assert.equal((await h.database.db.knex('evidence_vci_offers').where({ mandate_id: mandateId })).length, 1, 'no second offer');
    assert.equal((await h.database.db.knex('evidence_vci_credentials').where({ consent_id: mandateId })).length, 0, 'nothing issued');
  });

  it('refuses another citizen\'s mandate as a missing one', async () => {
    const { mandateId } = await giuliaGrants();
    await assert.rejects(createMandateOffer(h.ctx, h.citizenKeyOf('es-lucia-garcia'), mandateId), (e: Error & { code?: string }) => e.code === 'not_found');
    assert.equal((await h.database.db.knex('evidence_vci_offers')).length, 0);
  });
});
