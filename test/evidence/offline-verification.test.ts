import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ES256, digest } from '@sd-jwt/crypto-nodejs';
import { getListFromStatusListJWT, getStatusListFromJWT } from '@sd-jwt/jwt-status-list';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { decodeProtectedHeader, type JWK } from 'jose';
import { withdrawConsent } from '../../src/evidence/consent/withdraw.js';
import { startEvidenceHarness, type EvidenceHarness } from './support/harness.js';
import { bearer, sharedFamilyComposition } from './support/steps.js';
import { withChangedClaim } from './support/tamper.js';

/**
 * What docs/evidence.md tells officials to do without Passerelle's verifier: fetch the
 * issuer's keys once, cache the status list, verify with the standard SD-JWT VC library.
 */
describe('evidence: offline verification with the standard @sd-jwt libraries', () => {
  let h: EvidenceHarness;
  let shared: Awaited<ReturnType<typeof sharedFamilyComposition>>;
  let attestation: string;
  let credential: string;
  let document: Buffer;
  beforeEach(async () => {
    h = await startEvidenceHarness();
    shared = await sharedFamilyComposition(h);
    const get = (part: string) => fetch(`${h.url}/api/evidence/shares/${shared.consentId}/${part}`, { headers: bearer(shared.token) });
    attestation = await (await get('attestation')).text();
    credential = await (await get('credential')).text();
    document = Buffer.from(await (await get('document')).arrayBuffer());
  });
  afterEach(async () => { await h?.close(); });

  /** A verifier for an issuer whose JWKS was fetched from its jwt-vc-issuer metadata. */
  function verifierFor(jwks: { keys: JWK[] }, token: string) {
    const { kid } = decodeProtectedHeader(token.split('~')[0]!);
    const jwk = jwks.keys.find((key) => key.kid === kid);
    assert.ok(jwk, 'the signing key is published');
    return async (data: string, signature: string) => (await ES256.getVerifier(jwk))(data, signature);
  }

  /** The status list is fetched once and cached, as an offline verifier would. */
  async function fetchStatusList(token: string): Promise<string> {
    const { uri } = getStatusListFromJWT(token.split('~')[0]!);
    // Tests run Passerelle on a random port; the list's path is what publicUrl points at.
    const response = await fetch(h.url + new URL(uri).pathname);
    assert.match(response.headers.get('content-type') ?? '', /^application\/statuslist\+jwt/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    return response.text();
  }

  async function passerelleKeys(): Promise<{ issuer: string; jwks: { keys: JWK[] } }> {
    const metadata = await fetch(`${h.url}/.well-known/jwt-vc-issuer`);
    assert.equal(metadata.status, 200);
    return await metadata.json() as { issuer: string; jwks: { keys: JWK[] } };
  }

  async function verifyAttestation(token: string, statusList: string) {
    const { issuer, jwks } = await passerelleKeys();
    const verifier = verifierFor(jwks, token);
    const sdjwt = new SDJwtVcInstance({ hasher: digest, verifier, statusListFetcher: async () => statusList });
    const result = await sdjwt.verify(token, { currentDate: Math.floor(h.clock.now() / 1000) });
    assert.equal(result.payload.iss, issuer);
    return result.payload as Record<string, unknown>;
  }

  it('verifies the attestation, its status, the authority credential and the document digests', async () => {
    const payload = await verifyAttestation(attestation, await fetchStatusList(attestation));
    assert.equal(payload.consent_id, shared.consentId);
    assert.deepEqual(payload.recipient, { client_id: 'bremerhaven-kita', name: 'Bremerhaven kindergarten application' });
    assert.equal((payload.document_digest as { value: string }).value, createHash('sha256').update(document).digest('base64url'));
    assert.equal((payload.authority_credential_digest as { value: string }).value, createHash('sha256').update(credential).digest('base64url'));

    // The authority's credential, with the keys the authority publishes.
    const issuer = (payload.authority as { issuer: string }).issuer;
    const issuerUrl = new URL(issuer);
    const metadata = await (await fetch(`${issuerUrl.origin}/.well-known/jwt-vc-issuer${issuerUrl.pathname}`)).json() as { issuer: string; jwks: { keys: JWK[] } };
    assert.equal(metadata.issuer, issuer);
    const authorityVerifier = new SDJwtVcInstance({ hasher: digest, verifier: verifierFor(metadata.jwks, credential) });
    const verified = await authorityVerifier.verify(credential, { currentDate: Math.floor(h.clock.now() / 1000) });
    assert.equal((verified.payload as unknown as { document_digest: { value: string } }).document_digest.value, createHash('sha256').update(document).digest('base64url'));
  });

  it('the status list token itself is signed by Passerelle (typ statuslist+jwt) and names its own URI', async () => {
    const list = await fetchStatusList(attestation);
    const header = decodeProtectedHeader(list);
    assert.equal(header.typ, 'statuslist+jwt');
    const { jwks } = await passerelleKeys();
    assert.ok(await verifierFor(jwks, list)(list.split('.').slice(0, 2).join('.'), list.split('.')[2]!));
    const payload = JSON.parse(Buffer.from(list.split('.')[1]!, 'base64url').toString()) as { sub: string; ttl: number; exp: number; iat: number };
    assert.equal(payload.sub, getStatusListFromJWT(attestation.split('~')[0]!).uri);
    assert.ok(payload.ttl > 0 && payload.exp > payload.iat);
  });

  it('fails once consent is withdrawn: the freshly fetched list flips the entry', async () => {
    const before = await fetchStatusList(attestation);
    await withdrawConsent(h.ctx, shared.citizenKey, shared.consentId);
    const after = await fetchStatusList(attestation);
    const { idx } = getStatusListFromJWT(attestation.split('~')[0]!);
    assert.deepEqual([getListFromStatusListJWT(before).getStatus(idx), getListFromStatusListJWT(after).getStatus(idx)], [0, 1]);
    await assert.rejects(verifyAttestation(attestation, after), /Status is not valid/);
  });

  it('fails a tampered attestation, and an expired one', async () => {
    const list = await fetchStatusList(attestation);
    await assert.rejects(verifyAttestation(withChangedClaim(attestation, 'purpose', 'something else'), list), /Invalid JWT Signature/);
    h.clock.advance(91 * 86_400_000);
    await assert.rejects(verifyAttestation(attestation, list), /expired/);
  });
});
