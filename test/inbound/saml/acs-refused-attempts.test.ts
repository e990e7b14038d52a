import assert from 'node:assert/strict';
import { buildResponse } from './support/response-builder.js';
import { SamlHarness, type StartedLogin } from './support/harness.js';

/** Issue 10, item 6: a bounded number of refused responses per pending request, then the login ends. */
describe('SAML ACS bounds refused responses per pending request', () => {
  const pendingRow = (h: SamlHarness, id: string) => h.database.db.knex('saml_requests').where({ id }).first() as Promise<{ refused_attempts: number; consumed_at: unknown }>;
  /** Signed by the IdP, then changed: a refusal that is tied to the pending request (InResponseTo, cookie). */
  const tampered = (h: SamlHarness, login: StartedLogin) => buildResponse(h.idps.IT, login.fields).replace('>Rossi<', '>Bianchi<');

  describe('with the default of 5', () => {
    const h = new SamlHarness();
    before(async () => { await h.start(); });
    after(async () => { await h.stop(); });

    it('refuses four tampered answers with an error page and keeps the request; the fifth ends the login for the portal and consumes the request', async () => {
      const login = await h.login('IT', { flow: 'flow-five' });
      for (let attempt = 1; attempt <= 4; attempt++) {
        const response = await h.post(tampered(h, login), login);
        assert.equal(response.status, 403, `attempt ${attempt}`);
        assert.match(response.text, /saml_signature_invalid/);
        const row = await pendingRow(h, login.requestId);
        assert.equal(row.refused_attempts, attempt);
        assert.equal(row.consumed_at, null, 'still pending');
      }
      const failedBefore = h.handOff.failed.length;
      const fifth = await h.post(tampered(h, login), login);
      assert.deepEqual(JSON.parse(fifth.text), { outcome: 'failed', flowId: 'flow-five', code: 'saml_attempts_exhausted' });
      assert.equal(h.handOff.failed.length, failedBefore + 1, 'the waiting flow is told once');
      assert.notEqual((await pendingRow(h, login.requestId)).consumed_at, null, 'consumed');

      const valid = await h.post(buildResponse(h.idps.IT, login.fields), login);
      assert.equal(valid.status, 403, 'even a valid answer cannot revive the request');
      assert.match(valid.text, /saml_request_unknown/);
      assert.equal(h.handOff.succeeded.filter((s) => s.flowId === 'flow-five').length, 0);
    });

    it('does not count answers that are not tied to the request from its browser (no cookie, unknown InResponseTo, unreadable XML)', async () => {
      const login = await h.login('IT', { flow: 'flow-strangers' });
      for (let i = 0; i < 6; i++) {
        assert.equal((await h.post(tampered(h, login), { relayState: login.relayState, cookie: '' })).status, 403);
        assert.equal((await h.post(buildResponse(h.idps.IT, { ...login.fields, inResponseTo: '_unknown' }), login)).status, 403);
        assert.equal((await h.post('<not-xml', login)).status, 400);
      }
      assert.equal((await pendingRow(h, login.requestId)).refused_attempts, 0);
      const valid = await h.post(buildResponse(h.idps.IT, login.fields), login);
      assert.equal(valid.status, 200, valid.text.slice(0, 300));
    });

    it('counts concurrent refusals exactly: of seven at once, one ends the login and the last two are not counted', async () => {
      const login = await h.login('IT', { flow: 'flow-concurrent' });
      const failedBefore = h.handOff.failed.filter((f) => f.flowId === 'flow-concurrent').length;
      const answers = await Promise.all(Array.from({ length: 7 }, () => h.post(tampered(h, login), login)));
      const endings = answers.filter((a) => a.text.includes('saml_attempts_exhausted'));
      assert.equal(endings.length, 1, 'exactly one answer ends the login');
      assert.equal(h.handOff.failed.filter((f) => f.flowId === 'flow-concurrent').length, failedBefore + 1);
      assert.equal((await pendingRow(h, login.requestId)).refused_attempts, 5, 'the two answers after the end are not counted');
    });

    it('a valid answer after a few refusals still completes the login', async () => {
      const login = await h.login('IT', { flow: 'flow-recovers' });
      for (let i = 0; i < 4; i++) await h.post(tampered(h, login), login);
      const valid = await h.post(buildResponse(h.idps.IT, login.fields), login);
      assert.equal(valid.status, 200, valid.text.slice(0, 300));
      assert.equal(h.handOff.succeeded.at(-1)!.flowId, 'flow-recovers');
    });
  });

  describe('with saml.maxRefusedAttempts: 1', () => {
    const h = new SamlHarness();
    before(async () => { await h.start({ saml: { maxRefusedAttempts: 1 } }); });
    after(async () => { await h.stop(); });

    it('ends the login at the first refused answer', async () => {
      const login = await h.login('IT', { flow: 'flow-one' });
      const first = await h.post(tampered(h, login), login);
      assert.deepEqual(JSON.parse(first.text), { outcome: 'failed', flowId: 'flow-one', code: 'saml_attempts_exhausted' });
    });
  });
});
