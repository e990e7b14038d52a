import assert from 'node:assert/strict';
import { fullLogin, rpConfig } from '../outbound/oidc/support/flow.js';
import { oidcServerForSuite } from '../outbound/oidc/support/harness.js';

describe('observability: every log line written for a request carries its correlation id', () => {
  const suite = oidcServerForSuite();

  it('through a whole login (our routes, oidc-provider\'s events, the error handler), and an upstream X-Request-Id is kept', async () => {
    const { server } = suite;
    const from = server.logs.length;
    await fullLogin(await rpConfig(server.issuer, 'kita'), 'kita');
    await (await fetch(`${server.url}/interaction/unknown-uid`, { headers: { 'x-request-id': 'upstream-id-12345678' } })).arrayBuffer();
    const lines = server.logs.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(lines.length >= 10, `${lines.length} lines`);
    const application = lines.filter((line) => !('req' in line));
    assert.ok(application.length >= 3, 'application log calls, not only request lines');
    for (const line of lines) assert.match(String(line.correlationId ?? ''), /^[A-Za-z0-9._-]{8,64}$/, JSON.stringify(line));
    assert.ok(lines.some((line) => line.correlationId === 'upstream-id-12345678' && line.msg === 'request refused'));
  });
});
