import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { oidcErrorMessages, type OidcErrorKey } from '../../../src/outbound/oidc/error-page-messages.js';
import { supportedLanguages, translator } from '../../../src/web/i18n.js';
import { foreignStrings } from '../../support/catalogues.js';
import { rp, oidcServerForSuite } from './support/harness.js';

const challenge = createHash('sha256').update('v'.repeat(43)).digest('base64url');

function authorize(overrides: Record<string, string | undefined>): string {
  const all: Record<string, string | undefined> = {
    client_id: rp.kita.clientId, redirect_uri: rp.kita.redirectUri, response_type: 'code', scope: 'openid',
    state: 's', code_challenge: challenge, code_challenge_method: 'S256', ...overrides,
  };
  return '/oidc/auth?' + new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined)).toString();
}

/** The prose of a page's main content: no markup, no <code> (error codes and references), entities decoded. */
function mainText(body: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(body)?.[1] ?? '';
  return main.replace(/<code>[\s\S]*?<\/code>/g, ' ').replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, '\'').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/**
 * The error page oidc-provider shows when a portal's request cannot be answered by a redirect
 * (unknown portal, unregistered redirect URI, a login already over, a bad logout request):
 * in every page language, our own description of the error code, nothing of the library's
 * English description (which the log keeps, with the correlation id the page shows).
 */
describe('OpenID Provider: the error page explains the error code in the page language, never in the library\'s English', () => {
  const suite = oidcServerForSuite();
  const cases: Array<{ name: string; path: string; key: OidcErrorKey }> = [
    { name: 'an unknown portal', path: authorize({ client_id: 'no-such-portal' }), key: 'invalid_client' },
    { name: 'an unregistered redirect URI', path: authorize({ redirect_uri: 'https://evil.example/cb' }), key: 'invalid_redirect_uri' },
    { name: 'no client_id', path: authorize({ client_id: undefined }), key: 'invalid_request' },
    { name: 'a login already over (resume without its cookie)', path: '/oidc/auth/' + 'u'.repeat(21), key: 'session_not_found' },
    { name: 'a logout to an unregistered address', path: `/oidc/session/end?client_id=${rp.kita.clientId}&post_logout_redirect_uri=${encodeURIComponent('https://evil.example/')}`, key: 'invalid_request' },
  ];

  for (const lang of supportedLanguages) {
    it(`in ${lang}: ${cases.map((c) => c.name).join(', ')}`, async () => {
      const foreign = foreignStrings(lang, suite.server.ctx.config);
      for (const { name, path, key } of cases) {
        const res = await fetch(`${suite.server.url}${path}${path.includes('?') ? '&' : '?'}lang=${encodeURIComponent(lang)}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
        assert.ok(res.status >= 400 && res.status < 500, `${name}: ${res.status}`);
        const body = await res.text();
        const text = mainText(body);
        assert.match(body, new RegExp(`<html lang="${lang}">`), name);
        assert.ok(text.includes(translator(oidcErrorMessages, lang)(key)), `${name}: our text for ${key} in ${lang}:\n${text}`);
        for (const [string, other] of foreign) assert.ok(!text.includes(string), `${name}: "${string}" (${other}) on a ${lang} page`);
        // The library's description is in the log line of this request, and only there.
        const correlationId = res.headers.get('x-request-id')!;
        assert.ok(body.includes(correlationId), `${name}: the page shows the reference`);
        const logged = suite.server.logs.map((line) => JSON.parse(line) as { msg: string; correlationId?: string; description?: string })
          .find((line) => line.msg === 'oidc request refused with an error page' && line.correlationId === correlationId);
        assert.ok(logged?.description, `${name}: the library's description is logged with the correlation id`);
        assert.ok(!text.includes(logged.description!), `${name}: "${logged.description}" is not on the page`);
      }
    });
  }
});
