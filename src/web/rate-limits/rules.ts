import type { Config } from '../../config/schema.js';

export type LimitName = 'browser' | 'backChannel' | 'verify';

/**
 * Which limit a path counts against. Every public path counts against one; only the probes
 * (/healthz, /readyz) and static assets are free. First match wins.
 */
const rules: ReadonlyArray<readonly [RegExp, LimitName | 'free']> = [
  [/^\/(healthz|readyz)$/, 'free'],
  [/^\/static\//, 'free'],
  [/^\/(api\/)?verify(\/|$)/, 'verify'],
  [/^\/oidc\/(token|me|jwks|\.well-known)(\/|$)/, 'backChannel'],
  [/^\/api\//, 'backChannel'],
  // The wallet's calls to the OpenID4VCI issuer and the Type Metadata (the authorization endpoint is a browser page).
  [/^\/oid4vci\/(token|nonce|credential)$/, 'backChannel'],
  [/^\/credentials\/types\//, 'backChannel'],
  [/^\/(status-lists|\.well-known)\//, 'backChannel'],
  [/^\/saml\/metadata$/, 'backChannel'],
];

export function limitFor(path: string): LimitName | undefined {
  for (const [pattern, name] of rules) if (pattern.test(path)) return name === 'free' ? undefined : name;
  return 'browser';
}

/**
 * Where a 401 means someone is guessing: client secrets at the token, introspection and
 * revocation endpoints, bearer tokens at userinfo and the evidence API.
 */
export function guessesCredentials(path: string): boolean {
  return /^\/oidc\/(token|me)(\/|$)/.test(path) || /^\/oid4vci\/credential$/.test(path) || (/^\/api\//.test(path) && !/^\/api\/verify(\/|$)/.test(path));
}

export function windowOf(config: Config, name: LimitName | 'authFailures') {
  return config.rateLimits[name];
}
