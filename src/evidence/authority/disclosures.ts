import { createHash } from 'node:crypto';

/**
 * RFC 9901 §7.1: every disclosure must be referenced exactly once by a digest in the signed
 * payload (or in another disclosure). The library only ignores unreferenced ones; a tampered
 * disclosure would then vanish silently instead of failing, so we check ourselves.
 * Returns a reason when the check fails, undefined when it passes.
 */
export function checkDisclosuresReferenced(payload: Record<string, unknown>, disclosures: readonly string[]): string | undefined {
  const alg = payload._sd_alg ?? 'sha-256';
  if (alg !== 'sha-256') return `unsupported _sd_alg ${String(alg)}`;
  const referenced: string[] = [];
  collectDigests(payload, referenced);
  const decoded: unknown[][] = [];
  for (const disclosure of disclosures) {
    const value = decodeDisclosure(disclosure);
    if (!value) return 'a disclosure is not a base64url JSON array';
    decoded.push(value);
  }
  // Digests inside disclosed values (nested selective disclosure) count as references too.
  for (const value of decoded) collectDigests(value[value.length - 1], referenced);
  if (new Set(referenced).size !== referenced.length) return 'a digest appears more than once';
  const available = new Set(referenced);
  const seen = new Set<string>();
  for (const disclosure of disclosures) {
    const digest = createHash('sha256').update(disclosure, 'ascii').digest('base64url');
    if (!available.has(digest)) return 'a disclosure is not referenced by the signed payload';
    if (seen.has(digest)) return 'a disclosure is repeated';
    seen.add(digest);
  }
  return undefined;
}

function decodeDisclosure(disclosure: string): unknown[] | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(disclosure)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(disclosure, 'base64url').toString('utf8'));
    return Array.isArray(value) && (value.length === 2 || value.length === 3) ? value : undefined;
  } catch {
    return undefined;
  }
}

function collectDigests(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isArrayElementDigest(item)) into.push(item['...']);
      else collectDigests(item, into);
    }
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '_sd' && Array.isArray(child)) {
        for (const digest of child) if (typeof digest === 'string') into.push(digest);
      } else {
        collectDigests(child, into);
      }
    }
  }
}

function isArrayElementDigest(item: unknown): item is { '...': string } {
  return Boolean(item) && typeof item === 'object' && !Array.isArray(item)
    && Object.keys(item as object).length === 1 && typeof (item as Record<string, unknown>)['...'] === 'string';
}
