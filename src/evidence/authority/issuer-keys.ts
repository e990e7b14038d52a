import type { JWK } from 'jose';
import { z } from 'zod';
import { PasserelleError } from '../../core/errors.js';
import { fetchLimited, parseJsonBody } from './http.js';
import { maxMetadataBytes, requestTimeoutMs } from './protocol.js';

/** SD-JWT VC issuer metadata (`/.well-known/jwt-vc-issuer`): the issuer and its keys, inline or by URI. */
export interface IssuerKeys {
  issuer: string;
  keys: JWK[];
}

const publicEcKey = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  kid: z.string().min(1).max(200),
}).passthrough().refine((k) => !('d' in k), { message: 'a published key must not carry private material' });

const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())).max(50) });
const metadataSchema = z.object({
  issuer: z.string().url(),
  jwks: jwksSchema.optional(),
  jwks_uri: z.string().url().optional(),
}).refine((m) => Boolean(m.jwks) !== Boolean(m.jwks_uri), { message: 'exactly one of jwks and jwks_uri' });

/** Keys are re-read after this long, and at once (at most every `minRefreshMs`) when a kid is unknown. */
export const issuerKeysTtlMs = 5 * 60 * 1000;
const minRefreshMs = 10 * 1000;

interface CacheEntry { value: Promise<IssuerKeys>; fetchedAt: number }
const cache = new Map<string, CacheEntry>();

/**
 * Fetches and caches (by URL, with a TTL) an issuer's metadata. Only public EC P-256 keys with
 * a kid are kept; metadata carrying a private key is refused outright.
 * `refresh: true` bypasses the cache for key rollover, but not more often than every 10 s.
 */
export function fetchIssuerKeys(url: string, options: { refresh?: boolean } = {}): Promise<IssuerKeys> {
  const now = Date.now();
  const cached = cache.get(url);
  const fresh = cached && now - cached.fetchedAt < (options.refresh ? minRefreshMs : issuerKeysTtlMs);
  if (cached && fresh) return cached.value;
  const value = loadIssuerKeys(url);
  cache.set(url, { value, fetchedAt: now });
  // A failed fetch must not stay cached.
  value.catch(() => {
    if (cache.get(url)?.value === value) cache.delete(url);
  });
  return value;
}

/** Forget cached keys (tests, and operators after an authority's key compromise). */
export function clearIssuerKeysCache(): void {
  cache.clear();
}

async function loadIssuerKeys(url: string): Promise<IssuerKeys> {
  const metadata = metadataSchema.safeParse(await getJson(url, 'issuer metadata'));
  if (!metadata.success) throw new PasserelleError('evidence_unavailable', `issuer metadata at ${url} is malformed`);
  const jwks = metadata.data.jwks ?? jwksSchema.safeParse(await getJson(metadata.data.jwks_uri!, 'issuer JWKS')).data;
  if (!jwks) throw new PasserelleError('evidence_unavailable', `issuer JWKS of ${metadata.data.issuer} is malformed`);
  const keys: JWK[] = [];
  for (const candidate of jwks.keys) {
    if (candidate.kty !== 'EC') continue;
    const key = publicEcKey.safeParse(candidate);
    if (!key.success) throw new PasserelleError('evidence_unavailable', `issuer JWKS of ${metadata.data.issuer} holds an unusable EC key`);
    keys.push(key.data as JWK);
  }
  if (keys.length === 0) throw new PasserelleError('evidence_unavailable', `issuer ${metadata.data.issuer} publishes no P-256 key`);
  return { issuer: metadata.data.issuer, keys };
}

async function getJson(url: string, what: string): Promise<unknown> {
  const response = await fetchLimited(url, { headers: { accept: 'application/json' }, timeoutMs: requestTimeoutMs, maxBytes: maxMetadataBytes });
  if (response.status !== 200) throw new PasserelleError('evidence_unavailable', `${what} answered HTTP ${response.status}`);
  return parseJsonBody(response, what);
}
