import assert from 'node:assert/strict';
import { assertionReplayKey } from '../../../src/inbound/saml/saml-request-store.js';
import { buildResponse, minimumDataSet, uriFormat, type ResponseFields } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness, type StartedLogin } from './support/harness.js';

const natural = 'http://eidas.europa.eu/attributes/naturalperson/';

/**
 * Issue 3 point 3, one rule at a time (security.md S-36…S-48, S-55): each Response is
 * validly signed by the trusted IdP key and differs from a valid one in exactly one respect.
 */
describe('SAML ACS enforces the eIDAS response rules (S-36…S-48, S-55)', () => {
  const h = new SamlHarness();
  before(async () => { await h.start(); });
  after(async () => { await h.stop(); });

  async function refuse(change: (f: ResponseFields, login: StartedLogin) => Partial<ResponseFields>, expected: { status: number; code: string | string[] }, country: 'IT' | 'ES' = 'IT', query: Record<string, string> = {}) {
    const login = await h.login(country, query);
    const fields = { ...login.fields, ...change(login.fields, login) };
    await expectRejected(h, buildResponse(h.idps[country], fields), login, expected);
  }
  const skew = () => h.ctx.config.saml.clockSkewSeconds * 1000;
  const now = () => h.clock.now();

  describe('replay and browser binding', () => {
    it('S-36 accepts a response once; posting it again is refused', async () => {
      const login = await h.login('IT');
      const xml = buildResponse(h.idps.IT, login.fields);
      assert.equal((await h.post(xml, login)).status, 200);
      await expectRejected(h, xml, login, { status: 403, code: 'saml_request_unknown' });
    });

    it('S-36 refuses an assertion ID already seen, and the refusal leaves the pending request usable', async () => {
      const login = await h.login('IT');
      await h.database.db.knex('saml_seen_assertions').insert({
        key: assertionReplayKey(h.idps.IT.entityId, login.fields.assertionId), created_at: now(), expires_at: now() + 600_000,
      });
      await expectRejected(h, buildResponse(h.idps.IT, login.fields), login, { status: 403, code: 'saml_replay' });
      const fresh = buildResponse(h.idps.IT, { ...login.fields, assertionId: '_fresh-assertion' });
      assert.equal((await h.post(fresh, login)).status, 200, 'the real answer still completes the login');
    });

    it('consumes a request exactly once when the same response races itself', async () => {
      const login = await h.login('IT');
      const xml = buildResponse(h.idps.IT, login.fields);
      const before = h.handOff.succeeded.length;
      const statuses = (await Promise.all([h.post(xml, login), h.post(xml, login), h.post(xml, login)])).map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 403, 403]);
      assert.equal(h.handOff.succeeded.length, before + 1);
    });

    it('S-37/W-06 refuses a valid response posted from another browser (no cookie, or another login\'s cookie)', async () => {
      const victim = await h.login('IT');
      const other = await h.login('IT');
      const xml = buildResponse(h.idps.IT, victim.fields);
      await expectRejected(h, xml, { cookie: '', relayState: victim.relayState }, { status: 403, code: 'saml_request_unknown' });
      await expectRejected(h, xml, { cookie: other.cookie, relayState: victim.relayState }, { status: 403, code: 'saml_request_unknown' });
    });
  });

  describe('InResponseTo', () => {
    const unknown = { status: 403, code: 'saml_request_unknown' };
    it('S-38a refuses an InResponseTo we never sent', () => refuse(() => ({ inResponseTo: '_never-sent', scdInResponseTo: '_never-sent' }), unknown));
    it('S-38c refuses an unsolicited response (no InResponseTo)', () => refuse(() => ({ inResponseTo: null }), unknown));
    it('S-38d refuses SubjectConfirmationData/@InResponseTo differing from the Response', () => refuse(() => ({ scdInResponseTo: '_other' }), unknown));
    it('S-38d refuses a SubjectConfirmationData without InResponseTo', () => refuse(() => ({ scdInResponseTo: null }), unknown));

    it('S-38b refuses a response to a request older than the request TTL: no login, nothing written, the waiting flow told it expired', async () => {
      const login = await h.login('IT', { flow: 'flow-late' });
      h.clock.advance(h.ctx.config.saml.requestTtlSeconds * 1000 + 1000);
      try {
        const t = now();
        const fields = { ...login.fields, issueInstant: t, assertionIssueInstant: t, authnInstant: t, notBefore: t, notOnOrAfter: t + 300_000, scdNotOnOrAfter: t + 300_000 };
        const before = await h.counts();
        const succeeded = h.handOff.succeeded.length;
        const response = await h.post(buildResponse(h.idps.IT, fields), login);
        assert.deepEqual(JSON.parse(response.text), { outcome: 'failed', flowId: 'flow-late', code: 'login_flow_expired' });
        assert.deepEqual(await h.counts(), before, 'no row written');
        assert.equal(h.handOff.succeeded.length, succeeded, 'no login');
        // From another browser the same late response is refused outright.
        await expectRejected(h, buildResponse(h.idps.IT, fields), { cookie: '', relayState: login.relayState }, unknown);
      } finally {
        h.clock.set(Date.parse('2026-11-27T10:00:00.000Z'));
      }
    });
  });

  describe('RelayState', () => {
    it('S-55 refuses a RelayState other than the one sent (a URL, or another handle)', async () => {
      for (const relayState of ['https://evil.example/', '//evil.example', 'javascript:alert(1)']) {
        const login = await h.login('IT');
        await expectRejected(h, buildResponse(h.idps.IT, login.fields), { cookie: login.cookie, relayState }, { status: 403, code: 'saml_request_unknown' });
      }
    });
    it('S-55 refuses a RelayState longer than 80 bytes with 400', async () => {
      const login = await h.login('IT');
      await expectRejected(h, buildResponse(h.idps.IT, login.fields), { cookie: login.cookie, relayState: 'x'.repeat(81) }, { status: 400, code: 'saml_response_malformed' });
    });
    it('sends an opaque RelayState of at most 80 bytes, never a URL', async () => {
      const login = await h.login('IT');
      assert.ok(Buffer.byteLength(login.relayState) <= 80);
      assert.match(login.relayState, /^[A-Za-z0-9_-]+$/);
    });
  });

  describe('Audience, Destination, Recipient, SubjectConfirmation', () => {
    const audience = { status: 403, code: 'saml_audience_mismatch' };
    const destination = { status: 403, code: 'saml_destination_mismatch' };
    const rejected = { status: 403, code: 'saml_response_rejected' };
    it('S-39 refuses another SP as Audience', () => refuse(() => ({ audiences: [['https://other.example/sp']] }), audience));
    it('S-39 refuses an assertion without AudienceRestriction', () => refuse(() => ({ audiences: [] }), audience));
    it('S-39 refuses an empty Audience', () => refuse(() => ({ audiences: [['']] }), audience));
    it('S-39 refuses a second AudienceRestriction that excludes us', () => refuse((f) => ({ audiences: [f.audiences[0]!, ['https://other.example/sp']] }), audience));
    it('S-40 refuses a Destination other than our ACS', () => refuse(() => ({ destination: 'https://evil.example/acs' }), destination));
    it('S-40 refuses a Response without Destination', () => refuse(() => ({ destination: null }), destination));
    it('S-41 refuses a Recipient other than our ACS', () => refuse(() => ({ recipient: 'https://evil.example/acs' }), destination));
    it('S-41 refuses a SubjectConfirmationData without Recipient', () => refuse(() => ({ recipient: null }), destination));
    it('S-42 refuses a SubjectConfirmation Method other than bearer', () => refuse(() => ({ method: 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key' }), rejected));
    it('S-42 refuses a bearer SubjectConfirmationData without NotOnOrAfter', () => refuse(() => ({ scdNotOnOrAfter: null }), rejected));
    it('S-42 refuses a bearer SubjectConfirmationData with NotBefore', () => refuse(() => ({ scdNotBefore: now() }), rejected));
  });

  describe('time (frozen clock, configured skew)', () => {
    const expired = { status: 403, code: 'saml_expired' };
    it('S-43 refuses Conditions NotOnOrAfter = now - skew - 1 s', () => refuse(() => ({ notOnOrAfter: now() - skew() - 1000 }), expired));
    it('S-43 refuses Conditions NotBefore = now + skew + 5 s', () => refuse(() => ({ notBefore: now() + skew() + 5000 }), expired));
    it('S-43 refuses a SubjectConfirmationData NotOnOrAfter in the past', () => refuse(() => ({ scdNotOnOrAfter: now() - skew() - 1000 }), expired));
    it('S-43 refuses a Response issued before the request was sent', () => refuse(() => ({ issueInstant: now() - skew() - 60_000 }), expired));
    it('S-43 refuses an Assertion issued in the future', () => refuse(() => ({ assertionIssueInstant: now() + skew() + 5000 }), expired));
    it('S-43 refuses Conditions without NotOnOrAfter', () => refuse(() => ({ notOnOrAfter: null }), { status: 403, code: 'saml_response_rejected' }));
    it('S-44 refuses two Conditions elements', () => refuse(() => ({ conditionsCount: 2 }), { status: 403, code: 'saml_response_rejected' }));
  });

  describe('Issuer', () => {
    const issuer = { status: 403, code: 'saml_issuer_mismatch' };
    it('S-45 refuses a Response Issuer that is not the IdP of the requested country', () => refuse(() => ({ issuer: h.idps.ES.entityId }), issuer));
    it('S-45 refuses an Assertion Issuer that is not the IdP of the requested country', () => refuse(() => ({ assertionIssuer: h.idps.ES.entityId }), issuer));
    it('S-45 refuses a Response without Issuer', () => refuse(() => ({ issuer: null }), issuer));
    it('S-45 refuses an Issuer whose Format is not entity', () => refuse(() => ({ issuerFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent' }), issuer));
  });

  describe('Status', () => {
    async function failure(fields: Partial<ResponseFields>, signed: boolean, code: string) {
      const login = await h.login('IT', { flow: `flow-${code}` });
      const before = await h.counts();
      const response = await h.post(buildResponse(h.idps.IT, { ...login.fields, ...fields }, signed ? {} : { responseSigner: false, assertionSigner: false }), login);
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(response.text), { outcome: 'failed', flowId: `flow-${code}`, code });
      const after = await h.counts();
      assert.equal(after.consumed, before.consumed + 1, 'the pending request is consumed');
      assert.equal(after.seen, before.seen, 'no assertion remembered');
      await expectRejected(h, buildResponse(h.idps.IT, login.fields), login, { status: 403, code: 'saml_request_unknown' });
    }
    it('S-46 ends the flow as cancelled on an unsigned Responder/RequestDenied', () => failure({
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder', subStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:RequestDenied', includeAssertion: false,
    }, false, 'authentication_cancelled'));
    it('S-46 ends the flow as failed on an unsigned Responder/AuthnFailed', () => failure({
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder', subStatusCode: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed', includeAssertion: false,
    }, false, 'authentication_failed'));
    it('S-46 ignores an Assertion next to a non-Success status (no login)', () => failure({
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
    }, true, 'authentication_failed'));
    it('still checks Issuer and Destination of a failure response', async () => {
      const fields = { statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder', includeAssertion: false };
      await refuse(() => ({ ...fields, issuer: h.idps.ES.entityId }), { status: 403, code: 'saml_issuer_mismatch' });
      await refuse(() => ({ ...fields, destination: 'https://evil.example/acs' }), { status: 403, code: 'saml_destination_mismatch' });
    });
  });

  describe('level of assurance', () => {
    /** An authentic response below the requested level ends the login as failed: request consumed, no citizen. */
    async function endsTooLow(fields: Partial<ResponseFields>, query: Record<string, string> = {}) {
      const login = await h.login('IT', { flow: 'flow-loa', ...query });
      const before = await h.counts();
      const response = await h.post(buildResponse(h.idps.IT, { ...login.fields, ...fields }), login);
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(response.text), { outcome: 'failed', flowId: 'flow-loa', code: 'loa_too_low' });
      const after = await h.counts();
      assert.equal(after.consumed, before.consumed + 1, 'the pending request is consumed');
      assert.equal(after.seen, before.seen, 'no assertion remembered');
      await expectRejected(h, buildResponse(h.idps.IT, login.fields), login, { status: 403, code: 'saml_request_unknown' });
    }
    it('S-47 ends the login as loa_too_low when substantial is asserted and high was requested', () => endsTooLow({}, { loa: 'high' }));
    it('S-47 ends the login as loa_too_low when low is asserted and the country\'s minimum is substantial', () => endsTooLow({ loaUri: 'http://eidas.europa.eu/LoA/low' }));
    it('S-47 ends the login as loa_too_low on a non-eIDAS AuthnContextClassRef', () => endsTooLow({ loaUri: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Password' }));
    it('S-47 refuses an unsigned low-LoA response outright, leaving the flow untouched', async () => {
      const login = await h.login('IT');
      const forged = buildResponse(h.idps.IT, { ...login.fields, loaUri: 'http://eidas.europa.eu/LoA/low' }, { responseSigner: false, assertionSigner: false });
      await expectRejected(h, forged, login, { status: 403, code: 'saml_signature_invalid' });
      assert.equal((await h.post(buildResponse(h.idps.IT, login.fields), login)).status, 200, 'the real answer still completes the login');
    });
    it('requests max(country minimum, portal minimum) in the AuthnRequest', async () => {
      const login = await h.login('ES', { loa: 'substantial' });
      assert.match(login.authnRequestXml, /Comparison="minimum"><saml2:AuthnContextClassRef>http:\/\/eidas.europa.eu\/LoA\/substantial</);
      const lower = await h.login('ES', { loa: 'low' });
      assert.match(lower.authnRequestXml, /LoA\/low</);
    });
  });

  describe('attributes and the person identifier', () => {
    const rejected = { status: 403, code: 'saml_response_rejected' };
    const withAttributes = (extra: ResponseFields['attributes']) => (f: ResponseFields) => ({ attributes: [...f.attributes, ...extra] });
    it('S-48 refuses two PersonIdentifier attributes', () => refuse(withAttributes([{ name: natural + 'PersonIdentifier', values: ['IT/DE/VICTIM0001'] }]), rejected));
    it('S-48 refuses the same Name twice with different NameFormats', () => refuse(withAttributes([{ name: natural + 'PersonIdentifier', values: ['IT/DE/VICTIM0001'], nameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' }]), rejected));
    it('refuses an eIDAS attribute without the uri NameFormat', () => refuse((f) => ({
      attributes: f.attributes.map((a) => (a.name.endsWith('CurrentFamilyName') ? { ...a, nameFormat: null } : a)),
    }), rejected));
    it('S-48 refuses markup inside an AttributeValue', () => refuse((f) => ({
      attributes: f.attributes.map((a) => (a.name.endsWith('CurrentFamilyName') ? { ...a, values: ['Ros<b>si</b>'] } : a)),
    }), rejected));
    it('refuses a PersonIdentifier that does not match XX/YY/id', () => refuse(() => ({ attributes: minimumDataSet('IT', 'ABC123456') }), { status: 403, code: 'person_identifier_invalid' }));
    it('refuses a PersonIdentifier issued by another country than the authenticating one', () => refuse(() => ({ attributes: minimumDataSet('IT', 'ES/DE/ABC123') }), { status: 403, code: 'person_identifier_invalid' }));
    it('refuses a PersonIdentifier for another receiving country than our node', () => refuse(() => ({ attributes: minimumDataSet('IT', 'IT/FR/ABC123') }), { status: 403, code: 'person_identifier_invalid' }));
    it('refuses a response missing a mandatory attribute', () => refuse((f) => ({ attributes: f.attributes.filter((a) => !a.name.endsWith('DateOfBirth')) }), { status: 403, code: 'citizen_attribute_missing' }));
    it('refuses a response missing an attribute the login required', () => refuse(() => ({}), { status: 403, code: 'citizen_attribute_missing' }, 'IT', { attr: 'currentAddress!' }));
    it('refuses a malformed DateOfBirth and a malformed CurrentAddress', async () => {
      await refuse((f) => ({ attributes: f.attributes.map((a) => (a.name.endsWith('DateOfBirth') ? { ...a, values: ['12.04.1990'] } : a)) }), { status: 403, code: 'citizen_attribute_malformed' });
      await refuse(withAttributes([{ name: natural + 'CurrentAddress', values: ['not base64!'], nameFormat: uriFormat }]), { status: 403, code: 'citizen_attribute_malformed' });
      const doctype = Buffer.from('<!DOCTYPE x><eidas-natural:PostCode>1</eidas-natural:PostCode>').toString('base64');
      await refuse(withAttributes([{ name: natural + 'CurrentAddress', values: [doctype] }]), { status: 403, code: 'citizen_attribute_malformed' });
    });
    it('refuses two Latin-script values of a single-valued attribute', () => refuse((f) => ({
      attributes: f.attributes.map((a) => (a.name.endsWith('CurrentFamilyName') ? { ...a, values: ['Rossi', 'Bianchi'] } : a)),
    }), { status: 403, code: 'citizen_attribute_malformed' }));
  });
});
