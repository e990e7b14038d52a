import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { requesterJwksPath } from './protocol.js';

/**
 * Where the authority gets the keys that sign evidence requests. A real authority pins its
 * requesters; the demo either uses one configured JWKS URL or, when none is given, the
 * requester's own well-known URL derived from `iss` (restricted to `trustedRequesters` when set).
 */
export interface RequesterKeySource {
  /** Fixed JWKS URL of Passerelle; a function when it is only known after start (tests). */
  passerelleJwksUrl?: string | (() => string);
  /** Allowed `iss` values when the JWKS URL is derived from `iss`. */
  trustedRequesters?: readonly string[];
}

const jwksCache = new Map<string, JWTVerifyGetKey>();

/** jose's remote JWKS set caches keys (10 min) and refetches on an unknown kid (at most every 30 s). */
function remoteKeys(url: string): JWTVerifyGetKey {
  let keys = jwksCache.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    jwksCache.set(url, keys);
  }
  return keys;
}

/** The key resolver for a request claiming `iss`, or a reason to refuse it. */
export function requesterKeysFor(source: RequesterKeySource, iss: string): JWTVerifyGetKey | string {
  const configured = typeof source.passerelleJwksUrl === 'function' ? source.passerelleJwksUrl() : source.passerelleJwksUrl;
  if (configured) return remoteKeys(configured);
  if (source.trustedRequesters && !source.trustedRequesters.includes(iss)) return 'the requester is not trusted';
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return 'iss is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'iss is not an http(s) URL';
  return remoteKeys(iss.replace(/\/+$/, '') + requesterJwksPath);
}
