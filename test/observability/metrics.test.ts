import assert from 'node:assert/strict';
import { startPasserelle, type RunningPasserelle } from '../../src/runtime.js';
import { homeFeature } from '../../src/web/home.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';
import { buildResponse } from '../inbound/saml/support/response-builder.js';
import { SamlHarness } from '../inbound/saml/support/harness.js';
import { startEvidenceHarness } from '../evidence/support/harness.js';
import { sharedFamilyComposition } from '../evidence/support/steps.js';

const token = 'metrics-token-0123456789abcdefghijklmnop';

/** The value of one sample in Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = Object.fromEntries((match[2] ?? '').split(',').filter(Boolean).map((pair) => {
      const [k, v] = pair.split('=');
      return [k, JSON.parse(v!)];
    }));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe('observability: Prometheus metrics', () => {
  describe('exposure', () => {
    let test: TestDatabase;
    let running: RunningPasserelle;
    before(async () => {
      test = await createTestDatabase();
      running = await startPasserelle(testConfig({ metrics: { token, port: 0 } }), { db: test.db, port: 0, host: '127.0.0.1', features: [homeFeature] });
    });
    after(async () => {
      await running.close();
      await test.cleanup();
    });

    it('serves /metrics on the public port only with the bearer token', async () => {
      const none = await fetch(`${running.url}/metrics`);
      assert.equal(none.status, 401);
      assert.doesNotMatch(await none.text(), /passerelle_/);
      assert.equal((await fetch(`${running.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcdefghijklmno' } })).status, 401);
      const ok = await fetch(`${running.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('content-type') ?? '', /^text\/plain/);
    });

    it('serves /metrics on its own port without a token, with latency per route pattern, the pool and our certificates', async () => {
      assert.ok(running.metricsUrl);
      await (await fetch(`${running.url}/`)).arrayBuffer();
      await (await fetch(`${running.url}/wp-admin/setup.php?x=1`)).arrayBuffer();
      const text = await (await fetch(running.metricsUrl)).text();
      assert.ok(sample(text, 'passerelle_http_request_duration_seconds_count', { route: '/', method: 'GET', status: '2xx' })! >= 1);
      assert.ok(sample(text, 'passerelle_http_request_duration_seconds_count', { route: 'unmatched', status: '4xx' })! >= 1, 'unknown paths share one label');
      assert.doesNotMatch(text, /wp-admin/);
      assert.ok(sample(text, 'passerelle_db_pool_connections', { state: 'max' })! >= 1);
      assert.ok(sample(text, 'passerelle_key_certificate_days_left', { purpose: 'saml-signing' })! > 0);
      assert.ok(sample(text, 'passerelle_process_cpu_seconds_total') !== undefined, 'process metrics too');
      assert.equal((await fetch(running.metricsUrl.replace('/metrics', '/readyz'))).status, 404, 'nothing else on the metrics port');
    });
  });

  describe('logins and ACS refusals', () => {
    const h = new SamlHarness();
    before(async function () {
      this.timeout(120_000); // the national IdPs' keys and metadata are made at start: slow on a busy machine
      await h.start();
    });
    after(async () => { await h.stop(); });

    it('counts logins by country and outcome and refusals by code, never by person', async () => {
      const login = await h.login('IT');
      const xml = buildResponse(h.idps.IT, login.fields);
      assert.equal((await h.post(xml, login)).status, 200);
      assert.ok((await h.post(xml, login)).status >= 400, 'the same response again is refused');
      assert.equal((await h.post('<not-saml/>', undefined)).status, 400);
      const text = await h.ctx.metrics.registry.metrics();
      assert.equal(sample(text, 'passerelle_logins_total', { country: 'IT', outcome: 'success' }), 1);
      assert.ok(sample(text, 'passerelle_acs_refusals_total', { code: 'saml_response_malformed' })! >= 1);
      const refusals = text.split('\n').filter((line) => line.startsWith('passerelle_acs_refusals_total{')).reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
      assert.equal(refusals, 2);
      assert.doesNotMatch(text, /Rossi|ABC123456/);
    });

    it('reports metadata age and the IdP certificate\'s days left per country, in the metrics and in /readyz', async () => {
      const text = await h.ctx.metrics.registry.metrics();
      assert.ok(sample(text, 'passerelle_idp_metadata_age_seconds', { country: 'IT' }) !== undefined);
      assert.ok(sample(text, 'passerelle_idp_certificate_days_left', { country: 'IT' })! > 0);
      const ready = await fetch(`${h.url}/readyz`);
      const body = await ready.json() as { status: string; checks: Record<string, { status: string; detail: Record<string, unknown> }> };
      assert.equal(body.checks.database!.status, 'ok');
      assert.ok(['ok', 'degraded'].includes(body.checks.keys!.status));
      const countries = body.checks.metadata!.detail.countries as Array<{ country: string; ageSeconds?: number; certificateDaysLeft?: number }>;
      const italy = countries.find((c) => c.country === 'IT')!;
      assert.equal(typeof italy.ageSeconds, 'number');
      assert.equal(typeof italy.certificateDaysLeft, 'number');
    });
  });

  describe('evidence', () => {
    it('counts shares by evidence type and verifications by channel and outcome', async () => {
      const h = await startEvidenceHarness();
      try {
        const { consentId } = await sharedFamilyComposition(h);
        const response = await fetch(`${h.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ share: consentId }) });
        assert.equal(response.status, 200);
        const text = await h.ctx.metrics.registry.metrics();
        assert.equal(sample(text, 'passerelle_evidence_shares_total', { evidence_type: 'family-composition' }), 1);
        assert.equal(sample(text, 'passerelle_evidence_verifications_total', { channel: 'api', outcome: 'valid' }), 1);
      } finally {
        await h.close();
      }
    });
  });
});
