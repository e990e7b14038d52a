import assert from 'node:assert/strict';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { decodeJwt } from 'jose';
import { withdrawConsent } from '../../src/evidence/consent/withdraw.js';
import { eraseEvidence } from '../../src/evidence/vault/erase.js';
import { itemFromRow, openItem } from '../../src/evidence/vault/items.js';
import type { PresentationReport } from '../../src/evidence/verify/presentation/report.js';
import { reencodeDisclosedItem } from '../inbound/wallet/support/mdoc-bytes.js';
import { flipByte } from './support/tamper.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { TestWallet, type HolderKey } from './support/test-wallet.js';
import { issueBatch, keys, offerFromPreview, preAuthorizedToken } from './support/vci-steps.js';

const verifier = { audience: 'x509_hash:official-desk', nonce: 'n-0S6_WzA2Mj', response_uri: 'https://official.example/response' };

describe('evidence/vci: officials verify wallet presentations, and withdrawal revokes every credential', () => {
  let h: EvidenceHarness;
  let wallet: TestWallet;
  let holders: HolderKey[];
  let sdJwts: string[];
  let mdocs: string[];
  let giulia: string;
  beforeEach(async () => {
    h = await startEvidenceHarness();
    wallet = new TestWallet(h.url, () => h.clock.now(), h.ctx.config.publicUrl);
    const { offer, txCode } = await offerFromPreview(h);
    const token = await preAuthorizedToken(wallet, offer, txCode);
    holders = await keys(5);
    sdJwts = await issueBatch(h, wallet, token, 'evidence.family-composition.sd_jwt', holders);
    mdocs = await issueBatch(h, wallet, token, 'evidence.family-composition.mdoc', holders);
    giulia = h.citizenKeyOf('it-giulia-rossi');
  });
  afterEach(async () => { await h?.close(); });

  const kb = () => ({ aud: verifier.audience, nonce: verifier.nonce, iat: Math.floor(h.clock.now() / 1000) });
  async function verify(body: Record<string, unknown>, lang = 'en'): Promise<PresentationReport> {
    const response = await fetch(`${h.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify({ ...verifier, ...body }) });
    assert.equal(response.status, 200, await response.clone().text());
    return await response.json() as PresentationReport;
  }
  const walletConsentId = async () => (await h.database.db.knex('evidence_vci_offers').first('consent_id')).consent_id as string;

  it('verifies an SD-JWT VC presentation: issuer, holder binding, status, and exactly the disclosed claims, labelled in the page language', async () => {
    const presentation = await TestWallet.presentSdJwt(sdJwts[0]!, holders[0]!, ['members', 'document_digest'], kb());
    const report = await verify({ presentation }, 'de');
    assert.equal(report.valid, true, JSON.stringify(report));
    assert.deepEqual([report.format, report.holder_binding, report.status?.state, report.evidence_type], ['dc+sd-jwt', 'passed', 'valid', 'family-composition']);
    assert.deepEqual(report.disclosed?.map((d) => [d.claim, d.label]), [['members', 'Haushaltsmitglieder'], ['document_digest', 'SHA-256-Prüfsumme des Dokuments der Behörde']]);
    assert.ok(report.not_disclosed?.includes('address') && report.not_disclosed.includes('provenance'));
    assert.deepEqual(report.digests, { document: 'not_given', authority_credential: 'not_disclosed' });
  });

  it('shows an official at /verify/presentation, in the page language, the verdict and exactly the disclosed claims; an incomplete form changes nothing', async () => {
    const presentation = await TestWallet.presentSdJwt(sdJwts[0]!, holders[0]!, ['members', 'document_digest'], kb());
    const original = openItem(h.ctx, itemFromRow(await h.database.db.knex('evidence_items').first()));
    const form = new FormData();
    form.append('presentation', presentation);
    form.append('audience', verifier.audience);
    form.append('nonce', verifier.nonce);
    form.append('document', new Blob([new Uint8Array(original.document)], { type: 'application/pdf' }), 'certificate.pdf');
    const response = await fetch(`${h.url}/verify/presentation`, { method: 'POST', body: form, headers: { 'accept-language': 'de' } });
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<html lang="de">/);
    assert.match(page, /id="presentation-verdict">Gültig: von Passerelle ausgestellt/);
    const disclosed = /<dl class="data" id="disclosed">([\s\S]*?)<\/dl>\n<h3>/.exec(page)![1]!;
    assert.deepEqual([...disclosed.matchAll(/<dt>([^<]+)<\/dt><dd>(?:<ul>|<dl>|<bdi)/g)].map((m) => m[1]), ['Haushaltsmitglieder', 'SHA-256-Prüfsumme des Dokuments der Behörde']);
    assert.ok(page.includes('passt zur Prüfsumme'));
    assert.ok(page.includes('Anschrift'), 'the address is listed as held back');
    const incomplete = new FormData();
    incomplete.append('presentation', presentation);
    const refused = await fetch(`${h.url}/verify/presentation`, { method: 'POST', body: incomplete });
    assert.equal(refused.status, 400);
    assert.ok((await refused.text()).includes('id="form-error"'));
    assert.ok((await (await fetch(`${h.url}/verify`)).text()).includes('href="/verify/presentation"'));
  });

  it('verifies an mdoc DeviceResponse presentation, device-signed for this verifier', async () => {
    const presentation = await TestWallet.presentMdoc(mdocs[1]!, holders[1]!, ['address', 'provenance'], { clientId: verifier.audience, nonce: verifier.nonce, responseUri: verifier.response_uri });
    const report = await verify({ presentation }, 'it');
    assert.equal(report.valid, true, JSON.stringify(report));
    assert.deepEqual(report.disclosed?.map((d) => d.claim), ['address', 'provenance']);
    assert.equal(report.disclosed?.[0]?.label, 'Indirizzo');
    const other = await verify({ presentation, nonce: 'another-nonce' });
    assert.deepEqual([other.valid, other.failure], [false, 'holder_binding_invalid']);
  });

  it('an mdoc item re-encoded by the holder (same values, other bytes) is refused: digests are over the bytes received', async () => {
    const handover = { clientId: verifier.audience, nonce: verifier.nonce, responseUri: verifier.response_uri };
    const presentation = await TestWallet.presentMdoc(mdocs[4]!, holders[4]!, ['municipality', 'members'], handover);
    assert.equal((await verify({ presentation })).valid, true);
    const report = await verify({ presentation: reencodeDisclosedItem(presentation, 'municipality') });
    assert.deepEqual([report.valid, report.failure, report.disclosed], [false, 'disclosure_invalid', undefined]);
  });

  it('I-07: a presentation for another verifier, or with a KB-JWT by another key, fails holder binding', async () => {
    const elsewhere = await TestWallet.presentSdJwt(sdJwts[0]!, holders[0]!, ['members'], { ...kb(), aud: 'x509_hash:someone-else' });
    assert.deepEqual([(await verify({ presentation: elsewhere })).failure], ['holder_binding_invalid']);
    const stolen = await TestWallet.presentSdJwt(sdJwts[0]!, holders[1]!, ['members'], kb());
    assert.deepEqual([(await verify({ presentation: stolen })).failure], ['holder_binding_invalid']);
  });

  it('I-08: a digest mismatch is detected offline: a changed document does not match the disclosed digest', async () => {
    const presentation = await TestWallet.presentSdJwt(sdJwts[2]!, holders[2]!, ['document_digest', 'authority_credential_digest'], kb());
    const original = openItem(h.ctx, itemFromRow(await h.database.db.knex('evidence_items').first()));
    const matching = await verify({ presentation, document: original.document.toString('base64'), credential: original.credential });
    assert.deepEqual([matching.valid, matching.digests], [true, { document: 'match', authority_credential: 'match' }]);
    const report = await verify({ presentation, document: flipByte(original.document).toString('base64') });
    assert.deepEqual([report.valid, report.failure, report.digests?.document], [false, 'digest_mismatch', 'mismatch']);
  });

  it('I-09: withdrawing the wallet consent revokes all credentials; a verifier caching the status list sees it once the list\'s ttl has passed', async () => {
    const first = decodeJwt(sdJwts[0]!.split('~')[0]!) as { status: { status_list: { uri: string; idx: number } } };
    const path = new URL(first.status.status_list.uri).pathname;
    const cached = await (await fetch(`${h.url}${path}`)).text();
    const ttl = (decodeJwt(cached) as { ttl: number }).ttl;
    const fetchedAt = h.clock.now();
    assert.equal(getListFromStatusListJWT(cached).getStatus(first.status.status_list.idx), 0);
    const me = await (await fetch(`${h.url}/me`, { headers: { cookie: `test_session=${h.oidc.openSession(giulia)}`, 'accept-language': 'en' } })).text();
    assert.ok(me.includes('Your EU Digital Identity Wallet') && me.includes(`/me/consents/${await walletConsentId()}/withdraw`), 'the wallet consent is in /me, withdrawable');
    assert.ok(me.includes('Held in your wallet, shown only where you choose'));
    assert.equal(await withdrawConsent(h.ctx, giulia, await walletConsentId()), 'withdrawn');
    // A verifier keeps its copy until the ttl is over: still VALID there.
    h.clock.advance((ttl - 1) * 1000);
    assert.ok(h.clock.now() - fetchedAt < ttl * 1000);
    assert.equal(getListFromStatusListJWT(cached).getStatus(first.status.status_list.idx), 0);
    h.clock.advance(2000);
    assert.ok(h.clock.now() - fetchedAt >= ttl * 1000, 'the cached list is stale: the verifier fetches it again');
    const fresh = getListFromStatusListJWT(await (await fetch(`${h.url}${path}`)).text());
    for (const credential of sdJwts) {
      const { status } = decodeJwt(credential.split('~')[0]!) as typeof first;
      assert.equal(fresh.getStatus(status.status_list.idx), 1);
    }
    const report = await verify({ presentation: await TestWallet.presentSdJwt(sdJwts[3]!, holders[3]!, ['members'], kb()) });
    assert.deepEqual([report.valid, report.failure], [false, 'revoked']);
    const mdoc = await verify({ presentation: await TestWallet.presentMdoc(mdocs[3]!, holders[3]!, ['members'], { clientId: verifier.audience, nonce: verifier.nonce, responseUri: verifier.response_uri }) });
    assert.deepEqual([mdoc.valid, mdoc.failure], [false, 'revoked']);
  });

  it('I-10: deleting the document revokes every credential issued from it', async () => {
    const item = await h.database.db.knex('evidence_items').first('id');
    await eraseEvidence(h.ctx, giulia, item.id);
    const report = await verify({ presentation: await TestWallet.presentSdJwt(sdJwts[4]!, holders[4]!, ['members'], kb()) });
    assert.deepEqual([report.valid, report.failure], [false, 'revoked']);
    const invalid = await h.database.db.knex('evidence_status_entries').whereIn('consent_id', h.database.db.knex('evidence_vci_credentials').select('id')).where({ status: 1 }).count({ n: '*' }).first();
    assert.equal(Number(invalid!.n), 10);
  });
});
