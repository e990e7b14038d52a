import type { Config, CountryConfig } from '../../../config/schema.js';
import type { Clock } from '../../../core/clock.js';
import { isPasserelleError, PasserelleError } from '../../../core/errors.js';
import type { Logger } from '../../../web/logger.js';
import type { IdpMetadata } from './idp-metadata.js';
import { loadIdpMetadata } from './load-idp-metadata.js';
import type { FetchLike } from './read-metadata-source.js';

interface CountryState {
  current?: IdpMetadata;
  loadedAt?: number;
  /** Monotonic time of the last load attempt (operational back-off, independent of the validity clock). */
  lastAttemptAt?: number;
  lastError?: string;
  inflight?: Promise<void>;
}

export interface MetadataRegistryOptions {
  config: Config;
  baseDir: string;
  clock: Clock;
  logger: Logger;
  fetchImpl?: FetchLike;
  /** A country without metadata is retried at most this often on demand (ms). */
  retryAfterMs?: number;
}

/**
 * Trusted IdP metadata of every configured country. Loads lazily (the demo IdPs may start
 * after us), refreshes on a schedule and when `cacheDuration` says so, keeps the last good
 * copy when a refresh fails, and never serves a copy past its `validUntil`.
 */
export class IdpMetadataRegistry {
  private readonly states = new Map<string, CountryState>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: MetadataRegistryOptions) {
    for (const country of options.config.countries) this.states.set(country.code, {});
  }

  countries(): string[] {
    return [...this.states.keys()];
  }

  /** Usable metadata of a country, or `metadata_unavailable`; never throws anything else for a configured country. */
  async get(code: string): Promise<IdpMetadata> {
    const state = this.states.get(code);
    if (!state) throw new PasserelleError('country_unknown', `country ${code} is not configured`);
    const now = this.options.clock.now();
    const usable = this.usable(state, now);
    if (usable) {
      if (this.stale(state, usable, now)) void this.refresh(code);
      return usable;
    }
    const retryAfter = this.options.retryAfterMs ?? 2_000;
    if (state.inflight || state.lastAttemptAt === undefined || performance.now() - state.lastAttemptAt >= retryAfter) await this.refresh(code);
    const loaded = this.usable(state, this.options.clock.now());
    if (!loaded) throw new PasserelleError('metadata_unavailable', `no usable metadata for ${code}: ${state.lastError ?? 'not loaded'}`);
    return loaded;
  }

  /** The current copy without loading (for status pages and tests). */
  peek(code: string): IdpMetadata | undefined {
    const state = this.states.get(code);
    return state ? this.usable(state, this.options.clock.now()) : undefined;
  }

  /** Reloads one country (or all); failures are logged and leave the last good copy in place. */
  async refresh(code?: string): Promise<void> {
    const codes = code ? [code] : this.countries();
    await Promise.all(codes.map((c) => this.refreshOne(c)));
  }

  /** Starts the schedule: one load now, then every `metadataRefreshSeconds`. */
  start(): void {
    if (this.timer) return;
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.options.config.saml.metadataRefreshSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private usable(state: CountryState, now: number): IdpMetadata | undefined {
    const current = state.current;
    if (!current) return undefined;
    if (current.validUntil !== undefined && current.validUntil <= now) {
      state.current = undefined;
      this.options.logger.warn({ country: current.country, entityId: current.entityId }, 'identity provider metadata expired: country removed');
      return undefined;
    }
    return current;
  }

  private stale(state: CountryState, current: IdpMetadata, now: number): boolean {
    const refreshMs = this.options.config.saml.metadataRefreshSeconds * 1000;
    const maxAge = Math.min(refreshMs, current.cacheDurationMs ?? refreshMs);
    return !state.inflight && (state.loadedAt ?? 0) + maxAge <= now;
  }

  private refreshOne(code: string): Promise<void> {
    const state = this.states.get(code);
    const country = this.options.config.countries.find((c) => c.code === code);
    if (!state || !country) return Promise.reject(new PasserelleError('country_unknown', `country ${code} is not configured`));
    state.inflight ??= this.load(country, state).finally(() => {
      state.inflight = undefined;
    });
    return state.inflight;
  }

  private async load(country: CountryConfig, state: CountryState): Promise<void> {
    const { logger, clock } = this.options;
    state.lastAttemptAt = performance.now();
    try {
      const loaded = await loadIdpMetadata(country, this.options.baseDir, clock.now(), this.options.fetchImpl);
      const previous = state.current;
      state.current = loaded;
      state.loadedAt = clock.now();
      state.lastError = undefined;
      const facts = { country: country.code, entityId: loaded.entityId, signed: loaded.metadataSigned, signingCertificates: loaded.signingFingerprints.length };
      if (!previous) logger.info(facts, 'identity provider metadata loaded: country added');
      else if (previous.digest !== loaded.digest) logger.info(facts, 'identity provider metadata changed');
    } catch (error) {
      state.lastError = isPasserelleError(error) ? error.code : 'internal_error';
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown';
      const keeping = Boolean(this.usable(state, clock.now()));
      logger.warn({ country: country.code, code: state.lastError, reason, keepingLastGoodCopy: keeping }, 'identity provider metadata could not be loaded');
    }
  }
}
