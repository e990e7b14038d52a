import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startPasserelle } from '../../src/runtime.js';
import { homeFeature } from '../../src/web/home.js';
import { createTestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';

interface OtlpSpan { traceId: string; parentSpanId?: string; name: string; attributes: Array<{ key: string; value: Record<string, unknown> }> }

/** A stand-in OpenTelemetry collector: keeps the spans of every OTLP/HTTP JSON export. */
async function collector(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
      for (const resource of body.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, spans, server };
}

describe('observability: optional OpenTelemetry tracing', () => {
  it('is off by default: no span middleware, nothing exported', () => {
    assert.equal(testConfig().config.tracing.enabled, false);
  });

  it('when enabled, exports one server span per request named by route pattern, continuing the caller\'s trace', async () => {
    const otel = await collector();
    const test = await createTestDatabase();
    const running = await startPasserelle(testConfig({ tracing: { enabled: true, endpoint: otel.url } }), { db: test.db, port: 0, host: '127.0.0.1', features: [homeFeature] });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    try {
      await (await fetch(`${running.url}/?code=secret-code`, { headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } })).arrayBuffer();
    } finally {
      await running.close();
      await test.cleanup();
    }
    otel.server.close();
    const span = otel.spans.find((s) => s.name === 'GET /');
    assert.ok(span, JSON.stringify(otel.spans.map((s) => s.name)));
    assert.equal(span.traceId.toLowerCase(), traceId);
    assert.equal(span.parentSpanId?.toLowerCase(), '00f067aa0ba902b7');
    const attributes = Object.fromEntries(span.attributes.map((a) => [a.key, Object.values(a.value)[0]]));
    assert.equal(attributes['http.route'], '/');
    assert.equal(Number(attributes['http.response.status_code']), 200);
    assert.doesNotMatch(JSON.stringify(otel.spans), /secret-code/, 'no query strings in spans');
  });
});
