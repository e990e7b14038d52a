import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildResponse } from './support/response-builder.js';
import { expectRejected } from './support/expect-rejected.js';
import { SamlHarness } from './support/harness.js';

const malformed = { status: 400, code: 'saml_response_malformed' };

/** The HTTP-POST binding and the XML parser (security.md S-29…S-35, S-54b, S-56): hostile bytes never reach the checks. */
describe('SAML ACS transport and XML parsing (S-29…S-35, S-54b, S-56)', function () {
  this.timeout(60_000);
  const h = new SamlHarness();
  let canary: Server;
  let canaryUrl = '';
  const canaryHits: string[] = [];
  before(async () => {
    await h.start();
    canary = createServer((req, res) => { canaryHits.push(req.url ?? ''); res.end('secret'); });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
    canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  });
  after(async () => {
    await h.stop();
    await new Promise((resolve) => canary.close(resolve));
  });

  async function alive(): Promise<void> {
    assert.equal((await fetch(`${h.url}/healthz`)).status, 200, 'process still serves');
  }

  /** A Response for a real pending login, with `doctype` placed before the root. */
  async function withPrologue(prologue: string, replace?: [string, string]) {
    const login = await h.login('IT');
    let xml = buildResponse(h.idps.IT, login.fields);
    if (replace) xml = xml.replace(replace[0], replace[1]);
    return { login, xml: prologue + xml };
  }

  it('S-29 refuses an external entity (file and HTTP canary) and fetches nothing', async () => {
    for (const system of ['file:///etc/passwd', `${canaryUrl}/xxe`]) {
      const { login, xml } = await withPrologue(`<!DOCTYPE r [<!ENTITY x SYSTEM "${system}">]>`, ['opaque-name-id', '&x;']);
      await expectRejected(h, xml, login, malformed);
    }
    const { login, xml } = await withPrologue(`<!DOCTYPE r [<!ENTITY % p SYSTEM "${canaryUrl}/param"> %p;]>`);
    await expectRejected(h, xml, login, malformed);
    assert.deepEqual(canaryHits, []);
  });

  it('S-30 refuses billion laughs at once and stays alive', async () => {
    const entities = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
    const { login, xml } = await withPrologue(`<!DOCTYPE r [${entities}]>`, ['opaque-name-id', '&l9;']);
    await expectRejected(h, xml, login, malformed);
    await alive();
  });

  it('S-31 refuses any DOCTYPE, even a harmless one', async () => {
    const { login, xml } = await withPrologue('<!DOCTYPE Response>');
    await expectRejected(h, xml, login, malformed);
  });

  it('S-32 refuses the xmldom DoS shapes (deep nesting, prefix floods, duplicate attributes, unterminated PI, long end tag) and stays alive', async () => {
    const shapes = [
      '<a>'.repeat(14_000) + '</a>'.repeat(14_000),
      '<r>' + Array.from({ length: 3000 }, (_, i) => `<e xmlns:p${i}="urn:${i}">`).join('') + '</e>'.repeat(3000) + '</r>',
      `<r ${Array.from({ length: 4000 }, () => 'a="1"').join(' ')}/>`,
      '<r><?pi ' + 'x'.repeat(100_000),
      '<r></r' + ' '.repeat(100_000) + '>',
    ];
    for (const shape of shapes) {
      await expectRejected(h, shape, undefined, malformed);
      await alive();
    }
  });

  it('S-33 refuses several root elements (signed Response followed by a forged one)', async () => {
    const login = await h.login('IT');
    const xml = buildResponse(h.idps.IT, login.fields);
    await expectRejected(h, xml + xml.replace('ABC123456', 'VICTIM0001'), login, malformed);
  });

  it('S-34 answers 413 to a 5 MB SAMLResponse and to 200 kB of whitespace, before parsing', async () => {
    const login = await h.login('IT');
    await expectRejected(h, '<r>' + 'x'.repeat(5 * 1024 * 1024) + '</r>', login, { status: 413, code: 'payload_too_large' });
    await expectRejected(h, '', login, { status: 413, code: 'payload_too_large' }, { body: 'SAMLResponse=' + ' '.repeat(300 * 1024) });
  });

  it('S-34 answers 413 to an oversized chunked body without Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const response = await fetch(`${h.url}/saml/acs`, {
      method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' }, duplex: 'half',
    } as RequestInit);
    assert.equal(response.status, 413);
  });

  it('S-35 refuses invalid base64, non-UTF-8 bytes, UTF-16 with BOM and twice URL-encoded input', async () => {
    const login = await h.login('IT');
    const xml = buildResponse(h.idps.IT, login.fields);
    const form = (value: string) => new URLSearchParams({ SAMLResponse: value, RelayState: login.relayState }).toString();
    const bodies = [
      form('!!!not base64!!!'),
      form(Buffer.from([0x3c, 0x72, 0xff, 0xfe, 0x3e]).toString('base64')),
      form(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]).toString('base64')),
      form(encodeURIComponent(Buffer.from(xml).toString('base64'))),
      form('PHI+PC9yPg'),
    ];
    for (const body of bodies) await expectRejected(h, '', login, malformed, { body });
  });

  it('S-56 answers 405 to GET (Redirect binding) and other methods, 400 to JSON and to a missing or repeated SAMLResponse', async () => {
    const get = await fetch(`${h.url}/saml/acs?SAMLResponse=PHI%2BPC9yPg%3D%3D`, { headers: { accept: 'text/html' } });
    assert.equal(get.status, 405);
    assert.equal((await fetch(`${h.url}/saml/acs`, { method: 'PUT' })).status, 405);
    const login = await h.login('IT');
    const encoded = Buffer.from(buildResponse(h.idps.IT, login.fields)).toString('base64');
    await expectRejected(h, '', login, malformed, { body: JSON.stringify({ SAMLResponse: encoded }), contentType: 'application/json' });
    await expectRejected(h, '', login, malformed, { body: `RelayState=${login.relayState}` });
    await expectRejected(h, '', login, malformed, { body: `SAMLResponse=${encodeURIComponent(encoded)}&SAMLResponse=${encodeURIComponent(encoded)}` });
  });

  it('S-54b lets no request parameter choose metadata or keys (no outbound request to the attacker)', async () => {
    const before = canaryHits.length;
    await fetch(`${h.url}/saml/metadata?metadata=${encodeURIComponent(canaryUrl + '/md')}&idp=${encodeURIComponent(canaryUrl)}`);
    const login = await h.login('IT');
    const xml = buildResponse(h.idps.IT, login.fields);
    const response = await fetch(`${h.url}/saml/acs?idp=${encodeURIComponent(canaryUrl)}&metadata=${encodeURIComponent(canaryUrl)}`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: login.cookie },
      body: new URLSearchParams({ SAMLResponse: Buffer.from(xml).toString('base64'), RelayState: login.relayState, idp: canaryUrl }).toString(),
    });
    assert.equal(response.status, 200, 'parameters are ignored, the configured metadata decides');
    assert.equal(canaryHits.length, before);
  });
});
