import assert from 'node:assert/strict';
import { isPasserelleError } from '../../../src/core/errors.js';
import {
  commitAcceptedResponse, findPendingRequest, purgeExpiredSamlState, recordRefusedAttempt, savePendingRequest, type PendingSamlRequest,
} from '../../../src/inbound/saml/saml-request-store.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

const now = Date.parse('2026-11-27T10:00:00Z');

function request(id: string, overrides: Partial<PendingSamlRequest> = {}): PendingSamlRequest {
  return {
    id, country: 'IT', flowId: 'flow', requestedLoa: 'substantial', browserBinding: 'b'.repeat(64), relayState: 'relay',
    requestedAttributes: [{ name: 'personIdentifier', required: true }], createdAt: now, expiresAt: now + 600_000, ...overrides,
  };
}

/** The connector's only writes: one-time consumption and the replay entry, together or not at all. */
describe('SAML request store', () => {
  let t: TestDatabase;
  beforeEach(async () => { t = await createTestDatabase(); });
  afterEach(async () => { await t.cleanup(); });
  const commit = (requestId: string, assertionId: string, binding = 'b'.repeat(64)) => commitAcceptedResponse(t.db, {
    requestId, browserBinding: binding, now, issuer: 'https://idp.it.test/metadata', assertionId, assertionExpiresAt: now + 300_000,
  });
  const code = (expected: string) => (error: unknown) => isPasserelleError(error) && error.code === expected;

  it('round-trips a pending request with its requested attributes', async () => {
    await savePendingRequest(t.db, request('_r1'));
    const found = await findPendingRequest(t.db, '_r1');
    assert.deepEqual(found, request('_r1'));
    assert.equal(await findPendingRequest(t.db, 'x'.repeat(81)), undefined);
  });

  it('consumes a request once and remembers the assertion', async () => {
    await savePendingRequest(t.db, request('_r2'));
    await commit('_r2', '_a2');
    assert.equal((await findPendingRequest(t.db, '_r2'))?.consumedAt, now);
    await assert.rejects(commit('_r2', '_a2-other'), code('saml_request_unknown'));
  });

  it('refuses another browser\'s binding and an expired request without writing', async () => {
    await savePendingRequest(t.db, request('_r3'));
    await assert.rejects(commit('_r3', '_a3', 'c'.repeat(64)), code('saml_request_unknown'));
    await savePendingRequest(t.db, request('_r4', { expiresAt: now }));
    await assert.rejects(commit('_r4', '_a4'), code('saml_request_unknown'));
    assert.equal((await findPendingRequest(t.db, '_r3'))?.consumedAt, undefined);
    assert.equal(Number((await t.db.knex('saml_seen_assertions').count({ n: '*' }))[0]!.n), 0);
  });

  it('rolls the consumption back when the assertion ID was already seen (unique violation → saml_replay)', async () => {
    await savePendingRequest(t.db, request('_r5'));
    await savePendingRequest(t.db, request('_r6'));
    await commit('_r5', '_same');
    await assert.rejects(commit('_r6', '_same'), code('saml_replay'));
    assert.equal((await findPendingRequest(t.db, '_r6'))?.consumedAt, undefined, 'the second request is still usable');
    await commit('_r6', '_fresh');
  });

  it('purges expired requests and replay entries only', async () => {
    await savePendingRequest(t.db, request('_old', { expiresAt: now - 1 }));
    await savePendingRequest(t.db, request('_live'));
    await commit('_live', '_a-live');
    assert.deepEqual(await purgeExpiredSamlState(t.db, now), { requests: 1, assertions: 0 });
    assert.deepEqual(await purgeExpiredSamlState(t.db, now + 600_001), { requests: 1, assertions: 1 });
  });

  it('counts refused attempts of a live request of this browser and consumes it with the last allowed one, once', async () => {
    await savePendingRequest(t.db, request('_r9'));
    const refuse = (binding = 'b'.repeat(64), at = now) => recordRefusedAttempt(t.db, { requestId: '_r9', browserBinding: binding, now: at, maxAttempts: 3 });
    assert.equal(await refuse('c'.repeat(64)), 'not-pending', 'another browser counts nothing');
    assert.equal(await refuse(), 'counted');
    assert.equal(await refuse(), 'counted');
    assert.equal(await refuse(), 'exhausted');
    assert.equal(await refuse(), 'not-pending', 'a consumed request counts nothing');
    assert.equal((await findPendingRequest(t.db, '_r9'))?.consumedAt, now);
    await assert.rejects(commit('_r9', '_a9'), code('saml_request_unknown'));
    await savePendingRequest(t.db, request('_r10', { expiresAt: now }));
    assert.equal(await recordRefusedAttempt(t.db, { requestId: '_r10', browserBinding: 'b'.repeat(64), now, maxAttempts: 3 }), 'not-pending', 'an expired request counts nothing');
  });
});
