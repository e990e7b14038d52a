import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { digest, ES256 } from '@sd-jwt/crypto-nodejs';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { fixedClock } from '../../../src/core/clock.js';
import { isPasserelleError } from '../../../src/core/errors.js';
import { requestEvidence, type FetchedEvidence } from '../../../src/evidence/authority/client.js';
import { verifyAuthorityCredential } from '../../../src/evidence/authority/verify-credential.js';
import { lecceRequest, startAuthorityFixture, type AuthorityFixture } from './fixture.js';

async function standardVerifier(jwk: object): Promise<SDJwtVcInstance> {
  return new SDJwtVcInstance({ hasher: digest, hashAlg: 'sha-256', verifier: await ES256.getVerifier(jwk) });
}

describe('the authority\'s SD-JWT VC', () => {
  let fixture: AuthorityFixture;
  let fetched: FetchedEvidence;
  before(async () => {
    fixture = await startAuthorityFixture();
    fetched = await requestEvidence(fixture.ctx, {
      authorityId: 'it-anagrafe', citizen: fixture.citizen('it-giulia-rossi'), evidenceType: 'family-composition', requestId: randomUUID(), ...lecceRequest,
    });
  });
  after(async () => { await fixture?.close(); });

  it('verifies with the standard @sd-jwt/sd-jwt-vc verifier and the keys at {issuer}/.well-known/jwt-vc-issuer, without our client code', async () => {
    const metadata = await (await fetch(`${fetched.issuer}/.well-known/jwt-vc-issuer`)).json() as { issuer: string; jwks: { keys: Array<{ kid: string }> } };
    assert.equal(metadata.issuer, fetched.issuer);
    const { kid } = decodeProtectedHeader(fetched.credential.split('~')[0]!);
    const jwk = metadata.jwks.keys.find((k) => k.kid === kid)!;
    const { payload, header } = await (await standardVerifier(jwk)).verify(fetched.credential);
    assert.equal(header?.typ, 'dc+sd-jwt');
    assert.equal(header?.alg, 'ES256');
    assert.equal(payload.vct, 'urn:passerelle:evidence:family-composition:1');
    assert.equal(payload.iss, fetched.issuer);
    assert.equal(payload.exp, fetched.validUntil / 1000);
    const documentDigest = payload.document_digest as { alg: string; value: string };
    assert.equal(documentDigest.alg, 'sha-256');
    assert.equal(documentDigest.value, createHash('sha256').update(fetched.document.bytes).digest('base64url'));
    assert.deepEqual((payload.subject as Record<string, unknown>).family_name, 'Rossi');
  });

  it('is also described at the SD-JWT VC draft\'s own well-known location', async () => {
    const origin = new URL(fetched.issuer).origin;
    const metadata = await (await fetch(`${origin}/.well-known/jwt-vc-issuer/it`)).json() as { issuer: string };
    assert.equal(metadata.issuer, fetched.issuer);
  });

  it('keeps subject and data selectively disclosable and carries no status or cnf (status is Passerelle\'s)', () => {
    const raw = decodeJwt(fetched.credential.split('~')[0]!) as Record<string, unknown>;
    assert.equal(raw.status, undefined);
    assert.equal(raw.cnf, undefined);
    assert.equal((raw.subject as Record<string, unknown>).family_name, undefined);
    assert.equal((raw.data as Record<string, unknown>).members, undefined);
    assert.ok(Array.isArray((raw.data as Record<string, unknown>)._sd));
    assert.equal(raw.evidence_type, 'family-composition');
  });

  it('fails the standard verifier once the issuer JWT is edited', async () => {
    const metadata = await (await fetch(`${fetched.issuer}/.well-known/jwt-vc-issuer`)).json() as { jwks: { keys: object[] } };
    const [header, payload, signature] = fetched.credential.split('~')[0]!.split('.');
    const edited = Buffer.from(JSON.stringify({ ...decodeJwt(fetched.credential.split('~')[0]!), evidence_type: 'birth' })).toString('base64url');
    const tampered = fetched.credential.replace(`${header}.${payload}.${signature}`, `${header}.${edited}.${signature}`);
    await assert.rejects((await standardVerifier(metadata.jwks.keys[0]!)).verify(tampered));
  });

  describe('verifyAuthorityCredential (reused by officials\' verification)', () => {
    const refusedAsInvalid = (promise: Promise<unknown>) => assert.rejects(promise, (error: unknown) => isPasserelleError(error) && error.code === 'credential_invalid');

    it('returns issuer, authority, type, subject, data and digest', async () => {
      const verified = await verifyAuthorityCredential(fixture.ctx, fetched.credential, { expectedType: 'family-composition', documentBytes: fetched.document.bytes });
      assert.equal(verified.authorityId, 'it-anagrafe');
      assert.equal(verified.country, 'IT');
      assert.equal(verified.evidenceType, 'family-composition');
      assert.equal(verified.subject.person_identifier, 'IT/DE/RSSGLI88D52E506C');
      assert.equal((verified.data.members as unknown[]).length, 3);
      assert.match(verified.documentNumber ?? '', /^IT-FAM-/);
      assert.equal(verified.expired, false);
    });

    it('refuses a credential of another type than expected', async () => {
      await refusedAsInvalid(verifyAuthorityCredential(fixture.ctx, fetched.credential, { expectedType: 'residence' }));
    });

    it('refuses document bytes that do not match the digest', async () => {
      await refusedAsInvalid(verifyAuthorityCredential(fixture.ctx, fetched.credential, { documentBytes: Buffer.from('%PDF-1.7 other') }));
    });

    it('refuses an issuer that is not a configured authority', async () => {
      const otherCtx = { ...fixture.ctx, config: { ...fixture.ctx.config, issuingAuthorities: fixture.ctx.config.issuingAuthorities.filter((a) => a.id !== 'it-anagrafe') } };
      await refusedAsInvalid(verifyAuthorityCredential(otherCtx, fetched.credential));
    });

    it('refuses an expired credential, or reports it as expired when asked to', async () => {
      const later = { ...fixture.ctx, clock: fixedClock(fetched.validUntil + 86_400_000) };
      await refusedAsInvalid(verifyAuthorityCredential(later, fetched.credential));
      const reported = await verifyAuthorityCredential(later, fetched.credential, { allowExpired: true });
      assert.equal(reported.expired, true);
    });

    it('accepts a presentation that withholds data disclosures, and then shows only what was disclosed', async () => {
      const [jwt, ...disclosures] = fetched.credential.split('~');
      const kept = disclosures.slice(0, -1).filter((d) => JSON.parse(Buffer.from(d, 'base64url').toString())[1] !== 'members');
      const verified = await verifyAuthorityCredential(fixture.ctx, [jwt, ...kept, ''].join('~'));
      assert.equal(verified.data.members, undefined);
      assert.equal(verified.data.municipality, 'Lecce');
    });

    it('refuses a key-binding JWT, an unsigned token and garbage', async () => {
      await refusedAsInvalid(verifyAuthorityCredential(fixture.ctx, fetched.credential + 'eyJhbGciOiJub25lIn0.e30.'));
      await refusedAsInvalid(verifyAuthorityCredential(fixture.ctx, 'not a credential'));
      const [header, payload] = fetched.credential.split('~')[0]!.split('.');
      const none = Buffer.from(JSON.stringify({ ...decodeProtectedHeader(`${header}.${payload}.x`), alg: 'none' })).toString('base64url');
      await refusedAsInvalid(verifyAuthorityCredential(fixture.ctx, `${none}.${payload}.~`));
    });
  });
});
