import assert from 'node:assert/strict';
import { digest } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { IssuerSigned } from '@owf/mdoc';
import { compactVerify, decodeJwt, decodeProtectedHeader } from 'jose';
import { createHash } from 'node:crypto';
import { locationOf, TestBrowser } from './support/browser.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { TestWallet } from './support/test-wallet.js';
import { issueBatch, keys, offerFromPreview, preAuthorizedToken } from './support/vci-steps.js';

interface WalletClaims {
  document_digest: { value: string }; authority_credential_digest: { value: string };
  provenance: { authority: { id: string }; request_id: string }; members: unknown[]; subject: { family_name: string };
}

const sdJwtConfig = 'evidence.family-composition.sd_jwt';
const mdocConfig = 'evidence.family-composition.mdoc';

describe('evidence/vci: the citizen puts a fetched document into her EUDI wallet (OpenID4VCI 1.0)', () => {
  let h: EvidenceHarness;
  let wallet: TestWallet;
  beforeEach(async () => {
    h = await startEvidenceHarness();
    wallet = new TestWallet(h.url, () => h.clock.now(), h.ctx.config.publicUrl);
  });
  afterEach(async () => { await h?.close(); });

  it('publishes issuer metadata with both formats per evidence type, a nonce endpoint, batch size, and Type Metadata whose digest is vct#integrity', async () => {
    const metadata = await wallet.metadata();
    const id = h.ctx.config.publicUrl;
    assert.equal(metadata.credential_issuer, id);
    assert.equal(metadata.nonce_endpoint, `${id}/oid4vci/nonce`);
    assert.ok(metadata.batch_credential_issuance.batch_size >= 5);
    assert.equal(metadata.credential_configurations_supported[sdJwtConfig]!.vct, `${id}/credentials/types/family-composition`);
    assert.equal(metadata.credential_configurations_supported[mdocConfig]!.doctype, 'eu.passerelle.evidence.family_composition.1');
    assert.deepEqual(Object.keys(metadata.credential_configurations_supported[sdJwtConfig]!.proof_types_supported), ['jwt']);
    const typeMetadata = await fetch(`${h.url}/credentials/types/family-composition`);
    const bytes = Buffer.from(await typeMetadata.arrayBuffer());
    const parsed = JSON.parse(bytes.toString('utf8')) as { vct: string; display: Array<{ locale: string; name: string }>; claims: Array<{ path: string[]; display: Array<{ locale: string; label: string }> }> };
    assert.equal(parsed.vct, `${id}/credentials/types/family-composition`);
    assert.deepEqual(parsed.display.map((d) => d.locale), ['en', 'de', 'it', 'es', 'fr', 'sr-Latn', 'sr-Cyrl']);
    assert.equal(parsed.display.find((d) => d.locale === 'it')?.name, 'Certificato di stato di famiglia');
    assert.ok(parsed.claims.some((c) => c.path[0] === 'members' && c.display.some((d) => d.locale === 'de' && d.label === 'Haushaltsmitglieder')));
    const as = await (await fetch(`${h.url}/.well-known/oauth-authorization-server`)).json() as Record<string, unknown>;
    assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
    assert.ok(bytes.length > 0);
  });

  it('issues a batch of 5 SD-JWT VCs bound to 5 distinct keys through the pre-authorized code flow: selectively disclosable data, digests, provenance, status entry, vct#integrity', async () => {
    const { offer, txCode } = await offerFromPreview(h);
    assert.deepEqual(offer.credential_configuration_ids, [sdJwtConfig, mdocConfig]);
    const token = await preAuthorizedToken(wallet, offer, txCode);
    const holders = await keys(5);
    const credentials = await issueBatch(h, wallet, token, sdJwtConfig, holders);
    assert.equal(credentials.length, 5);
    const key = h.ctx.keystore.active('evidence-signing', 'EC');
    const bytes = Buffer.from(await (await fetch(`${h.url}/credentials/types/family-composition`)).arrayBuffer());
    const item = await h.database.db.knex('evidence_items').first();
    const indexes = new Set<number>();
    for (const [i, credential] of credentials.entries()) {
      const [issuerJwt] = credential.split('~');
      await compactVerify(issuerJwt!, key.publicKey!);
      assert.equal(decodeProtectedHeader(issuerJwt!).typ, 'dc+sd-jwt');
      const payload = decodeJwt(issuerJwt!) as { cnf: { jwk: unknown }; 'vct#integrity': string; members?: unknown; status: { status_list: { idx: number } } };
      assert.deepEqual(payload.cnf.jwk, { kty: 'EC', crv: 'P-256', x: holders[i]!.publicJwk.x, y: holders[i]!.publicJwk.y });
      assert.equal(payload['vct#integrity'], `sha256-${createHash('sha256').update(bytes).digest('base64')}`);
      assert.equal(payload.members, undefined, 'data claims are selectively disclosable, not in the clear');
      indexes.add(payload.status.status_list.idx);
      const claims = await (await new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256' }).decode(credential)).getClaims<WalletClaims>(digest);
      assert.equal(claims.document_digest.value, item.document_digest);
      assert.equal(claims.authority_credential_digest.value, item.credential_digest);
      assert.equal(claims.provenance.authority.id, 'it-anagrafe');
      assert.match(claims.provenance.request_id, /^[0-9a-f-]{36}$/);
      assert.ok(Array.isArray(claims.members) && claims.members.length > 0);
      assert.equal(claims.subject.family_name, 'Rossi');
    }
    assert.equal(indexes.size, 5, 'each credential has its own status entry');
    assert.equal(await h.database.db.knex('evidence_vci_credentials').count({ n: '*' }).first().then((r) => Number(r!.n)), 5);
  });

  it('issues mdocs with the holder keys as device keys, the data in the doctype namespace and a status entry in the MSO', async () => {
    const { offer, txCode } = await offerFromPreview(h);
    const token = await preAuthorizedToken(wallet, offer, txCode);
    const credentials = await issueBatch(h, wallet, token, mdocConfig, await keys(5));
    assert.equal(credentials.length, 5);
    const issuerSigned = IssuerSigned.fromEncodedForOid4Vci(credentials[0]!);
    assert.equal(issuerSigned.issuerAuth.mobileSecurityObject.docType, 'eu.passerelle.evidence.family_composition.1');
    const claims = issuerSigned.getPrettyClaims('eu.passerelle.evidence.family_composition.1') as Record<string, unknown>;
    assert.ok(claims.members && claims.document_digest && claims.provenance);
    // The same token still covers the other format once.
    const again = await issueBatch(h, wallet, token, sdJwtConfig, await keys(1));
    assert.equal(again.length, 1);
  });

  it('issues both formats through the authorization code flow with PKCE (S256), for the citizen of the offer only', async () => {
    const { offer, browser } = await offerFromPreview(h);
    const stranger = new TestBrowser(h.url);
    stranger.cookies.set('test_session', h.oidc.openSession(h.citizenKeyOf('es-lucia-garcia')));
    const refused = await wallet.authorizationCode(offer, stranger);
    assert.equal(refused.authorize.status, 403);
    browser.cookies.set('test_session', h.oidc.openSession(h.citizenKeyOf('it-giulia-rossi')));
    const { authorize, token } = await wallet.authorizationCode(offer, browser);
    assert.equal(authorize.status, 303);
    assert.match(locationOf(authorize), /[?&]iss=/);
    assert.equal(token?.status, 200, await token?.clone().text());
    const accessToken = ((await token!.json()) as { access_token: string }).access_token;
    assert.equal((await issueBatch(h, wallet, accessToken, sdJwtConfig, await keys(2))).length, 2);
    assert.equal((await issueBatch(h, wallet, accessToken, mdocConfig, await keys(2))).length, 2);
  });
});
