import assert from 'node:assert/strict';
import type { Request } from 'express';
import { assertSameOrigin, cookieName, cookieOptions, formField, hmacToken, readCookie, sameSecret } from '../../src/web/csrf.js';

function fakeRequest(headers: Record<string, string>, body?: unknown): Request {
  return { headers, body, protocol: 'http', get: (name: string) => headers[name.toLowerCase()] } as unknown as Request;
}

const publicOrigin = 'https://eid.example.test';
const strict = { publicOrigin, acceptRequestHost: false };
const lenient = { publicOrigin, acceptRequestHost: true };

describe('web/csrf: one place for cookies, origin checks and form tokens', () => {
  it('names cookies __Host- at / and __Secure- elsewhere over HTTPS, plain over HTTP', () => {
    const https = { publicUrl: 'https://eid.example.test' };
    const http = { publicUrl: 'http://127.0.0.1:3000' };
    assert.equal(cookieName(https, 'passerelle.session', '/'), '__Host-passerelle.session');
    assert.equal(cookieName(https, 'passerelle_saml', '/saml'), '__Secure-passerelle_saml');
    assert.equal(cookieName(http, 'passerelle.session', '/'), 'passerelle.session');
    assert.deepEqual(cookieOptions(https, '/me', 'strict'), { httpOnly: true, sameSite: 'strict', secure: true, path: '/me' });
    assert.equal(cookieOptions(http, '/').secure, false);
  });

  it('reads one cookie by exact name and survives malformed encodings', () => {
    const req = fakeRequest({ cookie: 'a=1; __Host-x=%E2%82%AC; bad=%E0%A4%A; xx=2' });
    assert.equal(readCookie(req, '__Host-x'), '€');
    assert.equal(readCookie(req, 'x'), undefined);
    assert.equal(readCookie(req, 'bad'), undefined);
    assert.equal(readCookie(fakeRequest({}), 'a'), undefined);
  });

  it('refuses cross-site POSTs by Sec-Fetch-Site or Origin, in both rules', () => {
    for (const rule of [strict, lenient]) {
      assert.throws(() => assertSameOrigin(fakeRequest({ 'sec-fetch-site': 'cross-site' }), rule), /sec-fetch-site/);
      assert.throws(() => assertSameOrigin(fakeRequest({ 'sec-fetch-site': 'same-site' }), rule), /sec-fetch-site/);
      assert.throws(() => assertSameOrigin(fakeRequest({ origin: 'https://evil.example' }), rule), /another origin/);
      assert.doesNotThrow(() => assertSameOrigin(fakeRequest({ origin: publicOrigin, 'sec-fetch-site': 'same-origin' }), rule));
      // no-referrer pages post Origin: null; the token then decides.
      assert.doesNotThrow(() => assertSameOrigin(fakeRequest({ origin: 'null' }), rule));
      assert.doesNotThrow(() => assertSameOrigin(fakeRequest({}), rule));
    }
  });

  it('keeps the one difference explicit: evidence and dashboard forms also accept the request\'s own origin, interaction forms do not', () => {
    const ownHost = fakeRequest({ origin: 'http://127.0.0.1:4321', host: '127.0.0.1:4321' });
    assert.doesNotThrow(() => assertSameOrigin(ownHost, lenient));
    assert.throws(() => assertSameOrigin(ownHost, strict), /another origin/);
    const otherHost = fakeRequest({ origin: 'http://evil.example', host: '127.0.0.1:4321' });
    assert.throws(() => assertSameOrigin(otherHost, lenient), /another origin/);
  });

  it('binds tokens to their parts and compares them only as equal strings', () => {
    const token = hmacToken('secret', 'interaction', 'uid-1', 'consent');
    assert.notEqual(token, hmacToken('secret', 'interaction', 'uid-1', 'abort'));
    assert.notEqual(token, hmacToken('other', 'interaction', 'uid-1', 'consent'));
    assert.ok(sameSecret(token, hmacToken('secret', 'interaction', 'uid-1', 'consent')));
    assert.ok(!sameSecret(token, token.slice(1)));
    assert.ok(!sameSecret(undefined, token));
    assert.equal(formField(fakeRequest({}, { csrf: ['a', 'b'] }), 'csrf'), undefined);
    assert.equal(formField(fakeRequest({}, Object.create({ csrf: 'inherited' })), 'csrf'), undefined);
    assert.equal(formField(fakeRequest({}, { csrf: 'x' }), 'csrf'), 'x');
  });
});
