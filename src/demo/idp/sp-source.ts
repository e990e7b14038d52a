import { DemoIdpError } from './errors.js';
import { describeExplicitSp, describeSpFromMetadata, type SpDescription, type SpDescriptionInput } from './sp-description.js';
import { signatureUris } from './algorithms.js';
import { verifyRootSignature } from './xml-signature.js';

export interface SpSource {
  /**
   * The current SP description. `fresh` asks for a re-fetch (at most every few seconds),
   * used when a request's signature fails: Passerelle may have rotated its keys.
   */
  get(options?: { fresh?: boolean }): Promise<SpDescription>;
}

export interface SpSourceOptions {
  sp?: SpDescriptionInput;
  spMetadataUrl?: string;
  /** Base64 or PEM certificates: when given, the SP metadata must be signed by one of them. */
  spMetadataSigningCertificates?: readonly string[];
  now: () => number;
  onChange?: (event: 'loaded' | 'failed', detail: string) => void;
}

const maxMetadataBytes = 1_000_000;
const minimumRefetchMs = 5_000;

/**
 * Passerelle may start after the demo IdPs, so its metadata is fetched at the first request,
 * kept, refreshed when due, and the last good copy is used while Passerelle is unreachable.
 */
export function createSpSource(options: SpSourceOptions): SpSource {
  if (options.sp) {
    const fixed = describeExplicitSp(options.sp);
    return { get: async () => fixed };
  }
  const url = options.spMetadataUrl ?? 'http://localhost:3000/saml/metadata';
  let current: SpDescription | undefined;
  let lastFetch = 0;
  let inFlight: Promise<SpDescription> | undefined;

  async function fetchOnce(): Promise<SpDescription> {
    lastFetch = options.now();
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'error' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    if (text.length > maxMetadataBytes) throw new Error('metadata too large');
    if (options.spMetadataSigningCertificates?.length) {
      const allowed = [signatureUris.rsaPssSha256, signatureUris.rsaPssSha384, signatureUris.rsaPssSha512,
        signatureUris.ecdsaSha256, signatureUris.ecdsaSha384, signatureUris.ecdsaSha512, signatureUris.rsaSha256];
      const certs = options.spMetadataSigningCertificates.map((c) => c.replace(/-----[^-]+-----|\s+/g, ''));
      if (!verifyRootSignature(text, certs, allowed)) throw new Error('metadata signature does not verify');
    }
    return describeSpFromMetadata(text, options.now());
  }

  async function refresh(): Promise<SpDescription> {
    inFlight ??= fetchOnce()
      .then((description) => {
        current = description;
        options.onChange?.('loaded', url);
        return description;
      })
      .catch((error: unknown) => {
        options.onChange?.('failed', `${url}: ${(error as Error).message}`);
        if (current) return current;
        throw new DemoIdpError('sp_unavailable', `cannot load SP metadata from ${url}`);
      })
      .finally(() => { inFlight = undefined; });
    return inFlight;
  }

  return {
    async get({ fresh = false } = {}) {
      const now = options.now();
      const due = !current || (current.refreshAt !== undefined && now >= current.refreshAt);
      if (due || (fresh && now - lastFetch >= minimumRefetchMs)) return refresh();
      return current!;
    },
  };
}
