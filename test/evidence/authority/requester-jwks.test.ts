import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { authorityById, authorityFor } from '../../../src/evidence/authority/authorities.js';
import { requesterJwksPath } from '../../../src/evidence/authority/protocol.js';
import { signEvidenceRequest } from '../../../src/evidence/authority/sign-request.js';
import { lecceRequest, startAuthorityFixture, type AuthorityFixture } from './fixture.js';

describe('Passerelle\'s signed evidence requests and its requester JWKS', () => {
  let fixture: AuthorityFixture;
  before(async () => { fixture = await startAuthorityFixture(); });
  after(async () => { await fixture?.close(); });

  it('publishes the public evidence-signing keys only, with kid, at /.well-known/evidence-requester-jwks.json', async () => {
    const response = await fetch(fixture.passerelle.url + requesterJwksPath);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /application\/jwk-set\+json/);
    const jwks = await response.json() as { keys: Array<Record<string, unknown>> };
    const active = fixture.ctx.keystore.active('evidence-signing', 'EC');
    assert.ok(jwks.keys.some((k) => k.kid === active.kid && k.kty === 'EC' && k.crv === 'P-256'));
    for (const key of jwks.keys) assert.equal(key.d, undefined, 'no private key material');
  });

  it('signs an ES256 evidence-request+jwt that verifies against that JWKS and lives at most 60 s', async () => {
    const authority = authorityById(fixture.ctx, 'it-anagrafe');
    const citizen = fixture.citizen('it-giulia-rossi');
    const { jwt } = await signEvidenceRequest(fixture.ctx, authority, { citizen, evidenceType: 'family-composition', requestId: 'req-1', ...lecceRequest });
    const keys = createRemoteJWKSet(new URL(fixture.passerelle.url + requesterJwksPath));
    const { payload, protectedHeader } = await jwtVerify(jwt, keys, { typ: 'evidence-request+jwt', algorithms: ['ES256'], audience: authority.url });
    assert.equal(protectedHeader.kid, fixture.ctx.keystore.active('evidence-signing', 'EC').kid);
    assert.equal(payload.iss, fixture.ctx.config.publicUrl);
    assert.ok(payload.exp! - payload.iat! <= 60);
    assert.equal(payload.explicit_request, true);
    assert.equal(payload.loa, 'http://eidas.europa.eu/LoA/substantial');
    assert.deepEqual(payload.identity, { person_identifier: 'IT/DE/RSSGLI88D52E506C', family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12' });
    assert.deepEqual(payload.requester, { client_id: 'bremerhaven-kita', name: 'Kita-Anmeldung Bremerhaven' });
    assert.equal(payload.evidence_type, 'family-composition');
    assert.equal(payload.request_id, 'req-1');
    assert.equal(payload.procedure, 'kindergarten-application');
    assert.equal(typeof payload.jti, 'string');
    const second = await signEvidenceRequest(fixture.ctx, authority, { citizen, evidenceType: 'birth', requestId: randomUUID(), ...lecceRequest });
    assert.notEqual(second.claims.jti, payload.jti, 'a fresh jti per request');
  });

  it('finds the authority of a country for a type (authorityFor)', () => {
    assert.equal(authorityFor(fixture.ctx, 'IT', 'family-composition')?.id, 'it-anagrafe');
    assert.equal(authorityFor(fixture.ctx, 'RS', 'higher-education-diploma')?.id, 'rs-maticne-knjige');
    assert.equal(authorityFor(fixture.ctx, 'IT', 'higher-education-diploma'), undefined);
    assert.equal(authorityFor(fixture.ctx, 'FR', 'birth'), undefined);
  });
});
