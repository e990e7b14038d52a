import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CountryConfig } from '../../../config/schema.js';
import { PasserelleError } from '../../../core/errors.js';

/** Limits for reading upstream metadata: it is small, and a slow or huge answer is an attack or a fault. */
export const metadataLimits = { maxBytes: 2 * 1024 * 1024, timeoutMs: 10_000, maxRedirects: 3 } as const;

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * Reads a country's IdP metadata: from `idp.metadataFile` (relative to the working directory)
 * or `idp.metadataUrl`. URLs must be HTTPS unless the country explicitly allows plain HTTP
 * (loopback demo); redirects are followed only within the same origin.
 */
export async function readMetadataSource(country: CountryConfig, baseDir: string, fetchImpl: FetchLike = fetch): Promise<string> {
  const { metadataFile, metadataUrl, allowInsecureMetadataUrl } = country.idp;
  if (metadataFile) return readMetadataFile(path.resolve(baseDir, metadataFile));
  if (!metadataUrl) throw new PasserelleError('metadata_unavailable', `no metadata source configured for ${country.code}`);
  return fetchMetadata(metadataUrl, allowInsecureMetadataUrl, fetchImpl);
}

async function readMetadataFile(file: string): Promise<string> {
  try {
    const info = await stat(file);
    if (info.size > metadataLimits.maxBytes) throw new PasserelleError('metadata_invalid', `metadata file ${file} is larger than ${metadataLimits.maxBytes} bytes`);
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof PasserelleError) throw error;
    throw new PasserelleError('metadata_unavailable', `metadata file ${file} cannot be read`, { cause: error });
  }
}

function checkScheme(url: URL, allowInsecure: boolean): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && allowInsecure) return;
  throw new PasserelleError('metadata_invalid', `metadata URL scheme ${url.protocol} is not allowed (HTTPS only)`);
}

async function fetchMetadata(start: string, allowInsecure: boolean, fetchImpl: FetchLike): Promise<string> {
  let url = new URL(start);
  const origin = url.origin;
  const signal = AbortSignal.timeout(metadataLimits.timeoutMs);
  for (let hop = 0; hop <= metadataLimits.maxRedirects; hop++) {
    checkScheme(url, allowInsecure);
    let response: Response;
    try {
      response = await fetchImpl(url.href, { redirect: 'manual', signal, headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
    } catch (error) {
      throw new PasserelleError('metadata_unavailable', `metadata at ${url.origin} cannot be fetched`, { cause: error });
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      await response.body?.cancel();
      if (!location) throw new PasserelleError('metadata_unavailable', 'metadata redirect without Location');
      const next = new URL(location, url);
      if (next.origin !== origin) throw new PasserelleError('metadata_invalid', `metadata redirect to another origin (${next.origin}) refused`);
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PasserelleError('metadata_unavailable', `metadata at ${url.origin} answered HTTP ${response.status}`);
    }
    return readLimited(response, signal);
  }
  throw new PasserelleError('metadata_unavailable', 'too many metadata redirects');
}

async function readLimited(response: Response, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > metadataLimits.maxBytes) {
    await response.body?.cancel();
    throw new PasserelleError('metadata_invalid', `metadata is larger than ${metadataLimits.maxBytes} bytes`);
  }
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > metadataLimits.maxBytes) {
        await reader.cancel();
        throw new PasserelleError('metadata_invalid', `metadata is larger than ${metadataLimits.maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PasserelleError) throw error;
    throw new PasserelleError('metadata_unavailable', signal.aborted ? 'metadata fetch timed out' : 'metadata transfer failed', { cause: error });
  }
  return Buffer.concat(chunks).toString('utf8');
}
