import assert from 'node:assert/strict';
import { createLogger } from '../../../src/web/logger.js';
import { buildResponse } from './support/response-builder.js';
import { SamlHarness } from './support/harness.js';

/** W-12: a login and a series of refused responses leave log lines with reasons and no personal data. */
describe('SAML connector logging', () => {
  const lines: string[] = [];
  const h = new SamlHarness();
  before(async () => {
    await h.start({ logger: createLogger({ level: 'debug', destination: { write: (line: string) => { lines.push(line); } } }) });
  });
  after(async () => { await h.stop(); });

  it('warns loudly at start about every country with a relaxed algorithm policy', () => {
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l.msg).startsWith('RELAXED SAML ALGORITHM POLICY'));
    assert.equal(warning?.country, 'RS');
    assert.equal(warning?.level, 40);
  });

  it('logs why a response was refused, and never the SAMLResponse, identifier, names, RelayState or cookie', async () => {
    const login = await h.login('IT');
    const valid = buildResponse(h.idps.IT, login.fields);
    assert.equal((await h.post(valid, login)).status, 200);
    const refusedLogin = await h.login('IT');
    const audience = buildResponse(h.idps.IT, { ...refusedLogin.fields, audiences: [['https://other.example']] });
    assert.equal((await h.post(audience, refusedLogin)).status, 403);
    assert.equal((await h.post(valid, login)).status, 403);
    const log = lines.join('\n');
    assert.match(log, /"code":"saml_audience_mismatch"/);
    assert.match(log, /"code":"saml_request_unknown"/);
    assert.match(log, /"msg":"eIDAS login accepted"/);
    for (const secret of ['IT/DE/ABC123456', 'Rossi', 'Giulia', '1990-04-12', login.relayState, login.cookie.split('=')[1]!,
      Buffer.from(valid).toString('base64').slice(0, 40)]) {
      assert.ok(!log.includes(secret), `log must not contain ${secret.slice(0, 20)}…`);
    }
  });
});
