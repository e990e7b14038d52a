import assert from 'node:assert/strict';
import { startPasserelle } from '../../src/runtime.js';
import { features } from '../../src/features.js';
import { createTestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';

interface ReadyBody { status: string; checks: Record<string, { status: string; detail?: Record<string, unknown> }> }

describe('observability: /readyz reports each dependency', () => {
  it('says degraded (200, still in the load balancer) when a country has no usable metadata, and names it', async () => {
    const test = await createTestDatabase();
    // The test configuration's only country points at a closed port: its metadata never loads.
    const running = await startPasserelle(testConfig(), { db: test.db, port: 0, host: '127.0.0.1', features });
    try {
      const response = await fetch(`${running.url}/readyz`);
      assert.equal(response.status, 200);
      const body = await response.json() as ReadyBody;
      assert.equal(body.status, 'degraded');
      assert.equal(body.checks.database!.status, 'ok');
      assert.equal(body.checks.metadata!.status, 'degraded');
      const countries = body.checks.metadata!.detail!.countries as Array<{ country: string; ageSeconds?: number }>;
      assert.deepEqual(countries.map((c) => c.country), ['IT']);
      assert.equal(countries[0]!.ageSeconds, undefined, 'no copy, so no age');
      const certificates = body.checks.keys!.detail!.certificates as Array<{ purpose: string; days: number }>;
      assert.ok(certificates.some((c) => c.purpose === 'saml-signing' && c.days > 0));
    } finally {
      await running.close();
      await test.cleanup();
    }
  });

  it('answers 503 with the database down, and keeps reporting the other checks', async () => {
    const test = await createTestDatabase();
    const running = await startPasserelle(testConfig(), { db: test.db, port: 0, host: '127.0.0.1', features: [] });
    try {
      await test.db.knex.destroy();
      const response = await fetch(`${running.url}/readyz`);
      assert.equal(response.status, 503);
      const body = await response.json() as ReadyBody;
      assert.equal(body.status, 'unavailable');
      assert.equal(body.checks.database!.status, 'down');
      assert.ok(body.checks.keys);
    } finally {
      await running.close();
    }
  });
});
