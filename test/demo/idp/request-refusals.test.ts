import { strict as assert } from 'node:assert';
import { get, postForm } from './support/browser.js';
import { frozenNow, startHarness, startLogin, type Harness } from './support/harness.js';
import { authnRequestXml, redirectQuery, signRequestXml, uris } from './support/test-sp.js';

function assertRefused(page: { status: number; html: string }, status: number, code: string): void {
  assert.equal(page.status, status, page.html.slice(0, 400));
  assert.match(page.html, new RegExp(`<code>${code}</code>`));
  assert.match(page.html, /role="alert"/);
  assert.doesNotMatch(page.html, /AuthnRequest|saml2?p?:|<login/, 'no SAML echoed');
  assert.doesNotMatch(page.html, /name="login"/, 'no login form');
}

describe('demo national IdPs: AuthnRequests that are refused with an error page', () => {
  let h: Harness;
  before(async () => { h = await startHarness({ countries: ['IT', 'RS'] }); });
  after(async () => { await h.close(); });

  const xml = (overrides = {}) => authnRequestXml({ destination: h.ssoUrl('IT'), issueInstant: new Date(frozenNow), ...overrides });

  it('an unsigned redirect request', async () => {
    assertRefused(await get(`${h.ssoUrl('IT')}?${redirectQuery(xml(), undefined, undefined)}`), 403, 'request_unsigned');
  });

  it('an unsigned POST request', async () => {
    assertRefused(await postForm(h.ssoUrl('IT'), { SAMLRequest: Buffer.from(xml()).toString('base64') }), 403, 'request_unsigned');
  });

  it('a request signed by a key that is not in the SP metadata (redirect and POST)', async () => {
    assertRefused(await startLogin(h, 'IT', { key: h.sp.stranger }), 403, 'request_signature_invalid');
    assertRefused(await startLogin(h, 'IT', { key: h.sp.stranger, binding: 'post' }), 403, 'request_signature_invalid');
  });

  it('a redirect request whose RelayState was changed after signing', async () => {
    const query = redirectQuery(xml(), uris.rsaPss, h.sp.rsaSigning.privateKey, 'original').replace('RelayState=original', 'RelayState=forged');
    assertRefused(await get(`${h.ssoUrl('IT')}?${query}`), 403, 'request_signature_invalid');
  });

  it('a POST request altered after signing', async () => {
    const signed = signRequestXml(xml(), uris.ecdsa, h.sp.ecSigning).replace('LoA/substantial', 'LoA/low');
    assertRefused(await postForm(h.ssoUrl('IT'), { SAMLRequest: Buffer.from(signed).toString('base64') }), 403, 'request_signature_invalid');
  });

  it('SHA-1 signatures; RSA PKCS#1 v1.5 at an eIDAS node, though the national (RS) IdP takes it', async () => {
    assertRefused(await startLogin(h, 'IT', { alg: uris.rsaSha1 }), 403, 'request_algorithm_refused');
    assertRefused(await startLogin(h, 'IT', { alg: uris.rsaSha256 }), 403, 'request_algorithm_refused');
    assert.equal((await startLogin(h, 'RS', { alg: uris.rsaSha256 })).status, 200);
  });

  it('a request meant for another IdP (Destination)', async () => {
    assertRefused(await startLogin(h, 'IT', { request: { destination: h.ssoUrl('RS') } }), 400, 'request_destination_wrong');
  });

  it('a request from an unknown issuer', async () => {
    assertRefused(await startLogin(h, 'IT', { request: { issuer: 'https://evil.test/metadata' } }), 403, 'request_issuer_unknown');
  });

  it('a request issued more than five minutes ago', async () => {
    assertRefused(await startLogin(h, 'IT', { request: { issueInstant: new Date(frozenNow - 6 * 60_000) } }), 400, 'request_expired');
  });

  it('an AssertionConsumerServiceURL the SP metadata does not list', async () => {
    assertRefused(await startLogin(h, 'IT', { request: { acsUrl: 'https://evil.test/acs' } }), 400, 'request_acs_unknown');
  });

  it('a request with a DTD', async () => {
    const withDtd = '<!DOCTYPE x [<!ENTITY e "boom">]>' + xml();
    assertRefused(await get(`${h.ssoUrl('IT')}?${redirectQuery(withDtd, uris.rsaPss, h.sp.rsaSigning.privateKey)}`), 400, 'request_malformed');
  });

  it('no SAMLRequest at all', async () => {
    assertRefused(await get(h.ssoUrl('IT')), 400, 'request_missing');
  });

  it('a citizen of another country chosen on the login page', async () => {
    const login = await startLogin(h, 'IT');
    const loginId = /name="login" value="([^"]+)"/.exec(login.html)![1]!;
    assertRefused(await postForm(`${h.server.url}/it/login`, { login: loginId, citizen: 'rs-milica-petrovic' }), 400, 'citizen_unknown');
  });

  it('a login handle of another country or an unknown one', async () => {
    const login = await startLogin(h, 'IT');
    const loginId = /name="login" value="([^"]+)"/.exec(login.html)![1]!;
    assertRefused(await postForm(`${h.server.url}/rs/login`, { login: loginId, citizen: 'rs-milica-petrovic' }), 400, 'login_unknown');
    assertRefused(await postForm(`${h.server.url}/it/login`, { login: 'nope', citizen: 'it-giulia-rossi' }), 400, 'login_unknown');
  });
});
