import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { loaUri } from '../../../src/core/loa.js';
import { citizenByKey, pidAdministrativeNumber } from '../../../src/demo/citizens.js';
import { startAuthorityFixture, type AuthorityFixture } from '../../evidence/authority/fixture.js';

/** Each refusal the authority must give, proven with hand-made requests over HTTP. */
describe('demo authority: POST /evidence-requests refuses what it must', () => {
  let fixture: AuthorityFixture;
  let itUrl: string;
  before(async () => {
    fixture = await startAuthorityFixture();
    itUrl = fixture.authorities.issuers['it-anagrafe']!;
  });
  after(async () => { await fixture?.close(); });

  function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: fixture.ctx.config.publicUrl, aud: itUrl, iat: now, exp: now + 60, jti: randomUUID(),
      request_id: randomUUID(), evidence_type: 'birth', explicit_request: true, loa: loaUri('substantial'),
      identity: { person_identifier: 'IT/DE/RSSGLI88D52E506C', family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12' },
      requester: { client_id: 'bremerhaven-kita', name: 'Kita-Anmeldung Bremerhaven' },
      procedure: 'kindergarten-application', purpose: 'Kindergarten place application',
      ...overrides,
    };
  }

  async function sign(payload: Record<string, unknown>, options: { key?: KeyObject; kid?: string; typ?: string } = {}): Promise<string> {
    const active = fixture.ctx.keystore.active('evidence-signing', 'EC');
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', typ: options.typ ?? 'evidence-request+jwt', kid: options.kid ?? active.kid })
      .sign(options.key ?? active.privateKey!);
  }

  async function post(body: string, url = itUrl, contentType = 'application/jwt'): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(url + '/evidence-requests', { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.status, body: await response.json() as Record<string, unknown> };
  }

  it('answers a valid request with document, credential, data and validity', async () => {
    const { status, body } = await post(await sign(claims()));
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['credential', 'data', 'document', 'issued_at', 'valid_until']);
    assert.equal((body.document as Record<string, unknown>).media_type, 'application/pdf');
  });

  describe('a wallet identity: the PID\'s issuing country and administrative number instead of a PersonIdentifier', () => {
    const number = pidAdministrativeNumber(citizenByKey('it-giulia-rossi')!);
    const wallet = (identity: Record<string, unknown>) => claims({ identity: { family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12', ...identity } });

    it('finds the record by the number and names her by it in the credential\'s subject', async () => {
      const { status, body } = await post(await sign(wallet({ issuing_country: 'IT', personal_administrative_number: number })));
      assert.equal(status, 200);
      const disclosures = (body.credential as string).split('~').slice(1, -1).map((d) => JSON.parse(Buffer.from(d, 'base64url').toString()) as unknown[]);
      assert.deepEqual(disclosures.find((d) => d[1] === 'personal_administrative_number')?.[2], number);
      assert.equal(disclosures.some((d) => d[1] === 'person_identifier'), false);
    });

    it('the number with another birth date is identity_mismatch; an unknown number, another country\'s PID, or no number is no_record', async () => {
      assert.equal((await post(await sign(wallet({ issuing_country: 'IT', personal_administrative_number: number, birthdate: '1988-04-13' })))).body.error, 'identity_mismatch');
      for (const identity of [{ issuing_country: 'IT', personal_administrative_number: 'IT-000000000000' }, { issuing_country: 'ES', personal_administrative_number: number }, { issuing_country: 'IT' }]) {
        const { status, body } = await post(await sign(wallet(identity)));
        assert.deepEqual([status, body.error], [404, 'no_record'], JSON.stringify(identity));
      }
    });

    it('an identity with both a PersonIdentifier and a PID country, or a number without the country, is invalid_request', async () => {
      for (const identity of [{ person_identifier: 'IT/DE/RSSGLI88D52E506C', issuing_country: 'IT' }, { personal_administrative_number: number }]) {
        assert.equal((await post(await sign(wallet(identity)))).body.error, 'invalid_request', JSON.stringify(identity));
      }
    });
  });

  it('refuses a request without explicit_request: true (not_explicit, 403)', async () => {
    for (const value of [false, 'true', undefined]) {
      const { status, body } = await post(await sign(claims({ explicit_request: value })));
      assert.equal(status, 403);
      assert.equal(body.error, 'not_explicit');
    }
  });

  it('refuses a request signed by a key Passerelle does not publish, even under Passerelle\'s kid (401)', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const { status, body } = await post(await sign(claims(), { key: privateKey }));
    assert.equal(status, 401);
    assert.equal(body.error, 'invalid_request');
  });

  it('refuses a request under an unknown kid (401)', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const { status } = await post(await sign(claims(), { key: privateKey, kid: 'attacker-key' }));
    assert.equal(status, 401);
  });

  it('refuses a replayed request: the jti is remembered until it expires', async () => {
    const jwt = await sign(claims());
    assert.equal((await post(jwt)).status, 200);
    const replay = await post(jwt);
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error, 'invalid_request');
    assert.match(String(replay.body.error_description), /jti already used/);
  });

  it('refuses a request meant for another authority (aud)', async () => {
    const { status } = await post(await sign(claims({ aud: fixture.authorities.issuers['de-melderegister'] })));
    assert.equal(status, 401);
  });

  it('refuses an expired request and one that lives longer than 60 seconds', async () => {
    const past = Math.floor(Date.now() / 1000) - 600;
    assert.equal((await post(await sign(claims({ iat: past, exp: past + 60 })))).status, 401);
    const now = Math.floor(Date.now() / 1000);
    const long = await post(await sign(claims({ iat: now, exp: now + 3600 })));
    assert.equal(long.status, 400);
    assert.equal(long.body.error, 'invalid_request');
  });

  it('refuses another JWT type signed by the same key (typ is checked)', async () => {
    const { status } = await post(await sign(claims(), { typ: 'JWT' }));
    assert.equal(status, 400);
  });

  it('refuses a body that is not application/jwt, and garbage', async () => {
    assert.equal((await post(await sign(claims()), itUrl, 'text/plain')).status, 415);
    assert.equal((await post('not.a.jwt')).status, 400);
    assert.equal((await post('x'.repeat(20_000))).status, 413);
  });

  it('refuses malformed claims (missing identity) with invalid_request', async () => {
    const { status, body } = await post(await sign(claims({ identity: { person_identifier: 'IT/DE/RSSGLI88D52E506C' } })));
    assert.equal(status, 400);
    assert.equal(body.error, 'invalid_request');
  });

  it('refuses an LoA below its minimum and a non-eIDAS LoA', async () => {
    const low = await post(await sign(claims({ loa: loaUri('low') })));
    assert.deepEqual([low.status, low.body.error], [403, 'loa_too_low']);
    const bogus = await post(await sign(claims({ loa: 'urn:example:loa:high' })));
    assert.deepEqual([bogus.status, bogus.body.error], [400, 'invalid_request']);
  });

  it('refuses an evidence type it does not issue', async () => {
    const { status, body } = await post(await sign(claims({ evidence_type: 'higher-education-diploma' })));
    assert.deepEqual([status, body.error], [400, 'unsupported_evidence_type']);
  });

  it('never unlocks a record by identifier alone (identity_mismatch), and says no_record for unknown people', async () => {
    const mismatch = await post(await sign(claims({ identity: { person_identifier: 'IT/DE/RSSGLI88D52E506C', family_name: 'Bianchi', given_name: 'Marco', birthdate: '1986-11-23' } })));
    assert.deepEqual([mismatch.status, mismatch.body.error], [403, 'identity_mismatch']);
    const unknown = await post(await sign(claims({ identity: { person_identifier: 'IT/DE/NOBODY', family_name: 'Rossi', given_name: 'Giulia', birthdate: '1988-04-12' } })));
    assert.deepEqual([unknown.status, unknown.body.error], [404, 'no_record']);
  });

  it('puts the OOTS EDM error code closest to each refusal beside it', async () => {
    const { body } = await post(await sign(claims({ explicit_request: false })));
    assert.equal(body.edm_error_code, 'EDM:ERR:0002');
  });
});
