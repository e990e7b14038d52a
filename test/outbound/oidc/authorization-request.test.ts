import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { TestBrowser } from './support/browser.js';
import { rp, startOidcServer, type OidcTestServer } from './support/harness.js';

const verifier = 'v'.repeat(43);
const challenge = createHash('sha256').update(verifier).digest('base64url');

function params(overrides: Record<string, string | undefined> = {}): URLSearchParams {
  const all: Record<string, string | undefined> = {
    client_id: rp.kita.clientId, redirect_uri: rp.kita.redirectUri, response_type: 'code', scope: 'openid profile',
    state: 'state-1', code_challenge: challenge, code_challenge_method: 'S256', ...overrides,
  };
  return new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

describe('OpenID Provider: authorization requests (security.md 1b)', () => {
  let database: TestDatabase;
  let server: OidcTestServer;
  const authorize = (query: URLSearchParams) => fetch(`${server.issuer}/auth?${query.toString()}`, { redirect: 'manual' });
  const rows = async () => Number((await database.db.knex('oidc_models').count({ n: '*' }).first() as { n: number | string }).n);

  async function expectErrorPage(response: Response): Promise<string> {
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('location'), null, 'never redirects');
    const body = await response.text();
    assert.match(body, /<html lang="en">/);
    assert.match(body, /This login request cannot be processed/);
    return body;
  }

  function expectErrorRedirect(response: Response, error: string | RegExp, state = 'state-1'): URLSearchParams {
    assert.ok([302, 303].includes(response.status), `redirect expected, got ${response.status}`);
    const location = new URL(response.headers.get('location')!);
    assert.equal(location.origin + location.pathname, rp.kita.redirectUri);
    // Errors go where the response would: the query, or the fragment for token response types.
    const answer = location.hash ? new URLSearchParams(location.hash.slice(1)) : location.searchParams;
    assert.match(answer.get('error') ?? '', typeof error === 'string' ? new RegExp(`^${error}$`) : error);
    assert.equal(answer.get('state'), state);
    assert.equal(answer.get('iss'), server.issuer);
    assert.equal(answer.get('code'), null);
    return answer;
  }

  before(async () => {
    database = await createTestDatabase();
    server = await startOidcServer({ db: database.db });
  });
  after(async () => {
    await server.close();
    await database.cleanup();
  });

  it('O-01/O-03/O-05: unregistered or missing redirect_uri and unknown or missing client get an error page, never a redirect, and nothing is stored', async () => {
    const before = await rows();
    await expectErrorPage(await authorize(params({ redirect_uri: 'http://rp-kita.test/elsewhere' })));
    await expectErrorPage(await authorize(params({ redirect_uri: undefined })));
    await expectErrorPage(await authorize(params({ client_id: 'no-such-portal' })));
    await expectErrorPage(await authorize(params({ client_id: undefined })));
    assert.equal(await rows(), before);
  });

  it('O-02: near-miss redirect URIs are refused by exact string comparison', async () => {
    const variants = [
      'http://rp-kita.test/cb/', 'http://rp-kita.test/cb/x', 'http://RP-KITA.test/cb', 'http://rp-kita.test:80/cb',
      'http://rp-kita.test:8080/cb', 'http://rp-kita.test/cb?x=1', 'http://rp-kita.test/cb#frag', 'http://rp-kita.test@evil.example/cb',
      'https://rp-kita.test/cb', 'http://rp-kita.test/%63b', 'http://rp-kita.test/CB', 'http://evil.example/cb',
    ];
    for (const redirectUri of variants) {
      const response = await authorize(params({ redirect_uri: redirectUri }));
      assert.equal(response.status, 400, redirectUri);
      assert.equal(response.headers.get('location'), null, redirectUri);
    }
  });

  it('O-04: a missing or non-code response_type is an OAuth error with state and iss', async () => {
    expectErrorRedirect(await authorize(params({ response_type: undefined })), /^(invalid_request|unsupported_response_type)$/);
    for (const responseType of ['token', 'id_token', 'code id_token', 'code token']) {
      expectErrorRedirect(await authorize(params({ response_type: responseType })), 'unsupported_response_type');
    }
  });

  it('O-06: PKCE is required for every client, and only S256', async () => {
    expectErrorRedirect(await authorize(params({ code_challenge: undefined, code_challenge_method: undefined })), 'invalid_request');
    expectErrorRedirect(await authorize(params({ code_challenge_method: 'plain' })), 'invalid_request');
    expectErrorRedirect(await authorize(params({ code_challenge_method: undefined })), 'invalid_request');
  });

  it('O-14: a 128-character state and one with URL-special characters come back byte-identical', async () => {
    const long = 'a1B2'.repeat(32);
    const special = 'x&y=z?#%20 ü/+';
    for (const state of [long, special]) {
      const answer = expectErrorRedirect(await authorize(params({ state, code_challenge_method: 'plain' })), 'invalid_request', state);
      assert.equal(answer.get('state'), state);
    }
  });

  it('O-19/O-20: unknown parameters are ignored, POST is refused with 405 (it would need SameSite=None cookies), request objects are unsupported', async () => {
    const unknown = await authorize(params({ frobnicate: 'yes' }));
    assert.equal(unknown.status, 303);
    assert.match(unknown.headers.get('location')!, /^\/interaction\//);
    const posted = await fetch(`${server.issuer}/auth`, { method: 'POST', body: params(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    assert.equal(posted.status, 405);
    assert.equal(posted.headers.get('allow'), 'GET');
    expectErrorRedirect(await authorize(params({ request: 'eyJhbGciOiJub25lIn0.eyJ9.' })), 'request_not_supported');
    expectErrorRedirect(await authorize(params({ request_uri: 'https://attacker.example/r' })), /^(request_uri_not_supported|invalid_request_uri|invalid_request)$/);
  });

  it('refuses an unknown country hint with invalid_request, and nothing is stored', async () => {
    const before = await rows();
    expectErrorRedirect(await authorize(params({ country: 'XX' })), 'invalid_request');
    expectErrorRedirect(await authorize(params({ country: 'it' })), 'invalid_request');
    assert.equal(await rows(), before);
  });

  it('refuses evidence authorization_details that are not registered for the portal, or when no evidence feature is wired', async () => {
    const details = (d: unknown) => params({ authorization_details: JSON.stringify(d) });
    // This server has no evidence hook: even a registered type is refused.
    expectErrorRedirect(await authorize(details([{ type: 'evidence', evidence_type: 'family-composition', procedure: 'kindergarten-application' }])), 'invalid_authorization_details');
    expectErrorRedirect(await authorize(details([{ type: 'payment' }])), 'invalid_authorization_details');
    expectErrorRedirect(await authorize(details({ type: 'evidence' })), 'invalid_authorization_details');
  });

  it('O-26: an unregistered post_logout_redirect_uri gets an error page, not a redirect', async () => {
    const response = await fetch(`${server.issuer}/session/end?client_id=kita&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual', headers: { accept: 'text/html' } });
    await expectErrorPage(response);
  });

  it('translates the error page with the browser language and the ?lang switch', async () => {
    const german = await fetch(`${server.issuer}/auth?${params({ client_id: 'nobody' }).toString()}`, { headers: { 'accept-language': 'de-DE,de;q=0.9' } });
    assert.match(await german.text(), /<html lang="de">[\s\S]*Diese Anmeldeanfrage kann nicht bearbeitet werden/);
    const french = await fetch(`${server.issuer}/auth?${params({ client_id: 'nobody', lang: 'fr' }).toString()}`, { headers: { 'accept-language': 'de' } });
    assert.match(await french.text(), /<html lang="fr">/);
  });

  it('W-01: the country page is a hardened HTML page without inline script (only our own filter script), with a cancel form bound to the portal origin', async () => {
    const browser = new TestBrowser();
    const first = await browser.follow(await browser.get(`${server.issuer}/auth?${params().toString()}`));
    const page = first.page;
    assert.equal(page.status, 200);
    assert.deepEqual([...page.body.matchAll(/<script[^>]*>/g)].map((m) => m[0]), ['<script src="/static/country-filter.js" defer>']);
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self'/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('x-frame-options'), 'SAMEORIGIN');
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /form-action 'self' http:\/\/rp-kita\.test/);
    assert.match(page.body, /Italy <span class="muted">\(<span lang="it">Italia<\/span>\)<\/span>/);
    assert.match(page.body, /<span lang="sr">Србија<\/span>/);
    for (const cookie of ['passerelle.interaction', 'passerelle.resume']) assert.ok(browser.cookie(cookie), cookie);
  });
});
