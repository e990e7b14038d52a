import assert from 'node:assert/strict';
import type { KoaContextWithOIDC } from 'oidc-provider';
import { providerTtl } from '../../../src/outbound/oidc/ttl.js';

describe('OpenID Provider: lifetimes', () => {
  const ttl = providerTtl({ accessTokenTtlSeconds: 600, idTokenTtlSeconds: 300, codeTtlSeconds: 60, sessionTtlSeconds: 3600 });
  const ctx = undefined as unknown as KoaContextWithOIDC;

  it('takes token and code lifetimes from config.oidc', () => {
    assert.equal(ttl.AccessToken, 600);
    assert.equal(ttl.IdToken, 300);
    assert.equal(ttl.AuthorizationCode, 60);
  });

  it('ends a session a fixed time after its login, however often it is touched', () => {
    const session = ttl.Session as (c: KoaContextWithOIDC, s: { loginTs?: number }) => number;
    const now = Math.floor(Date.now() / 1000);
    assert.equal(session(ctx, {}), 3600);
    const left = session(ctx, { loginTs: now - 3000 });
    assert.ok(left <= 600 && left >= 598);
    assert.equal(session(ctx, { loginTs: now - 7200 }), 1);
  });

  it('gives a refresh token the session lifetime, and a rotated one only what its predecessor had left', () => {
    const refresh = ttl.RefreshToken as (c: KoaContextWithOIDC) => number;
    assert.equal(refresh(ctx), 3600);
    assert.equal(refresh({ oidc: { entities: { RotatedRefreshToken: { remainingTTL: 120 } } } } as unknown as KoaContextWithOIDC), 120);
  });
});
