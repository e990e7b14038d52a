import type { Config, CountryConfig } from '../../../config/schema.js';
import type { Clock } from '../../../core/clock.js';
import { isPasserelleError, PasserelleError } from '../../../core/errors.js';
import type { Logger } from '../../../web/logger.js';
import type { IdpMetadata } from './idp-metadata.js';
import { checkIdpMetadataDocument, loadIdpMetadata } from './load-idp-metadata.js';
import type { MetadataStore } from './metadata-store.js';
import type { FetchLike } from './read-metadata-source.js';

interface CountryState {
  current?: IdpMetadata;
  /** When the current copy was fetched from its source (by this instance or another). */
  loadedAt?: number;
  /** Monotonic time of the last load attempt (operational back-off, independent of the validity clock). */
  lastAttemptAt?: number;
  /** Monotonic time of the last refresh caused by a signature from a key the copy does not list. */
  lastUnknownKeyRefreshAt?: number;
  lastError?: string;
  /** The load from the source under way, and the one queued behind it. */
  inflight?: Promise<void>;
  queued?: Promise<void>;
}

export interface MetadataRegistryOptions {
  config: Config;
  baseDir: string;
  clock: Clock;
  logger: Logger;
  fetchImpl?: FetchLike;
  /** The copy shared by every instance; without it the registry keeps its copy in memory only. */
  store?: MetadataStore;
  /** A country without metadata is retried at most this often on demand (ms). */
  retryAfterMs?: number;
}

/**
 * Trusted IdP metadata of every configured country. Loads lazily (the demo IdPs may start
 * after us), refreshes on a schedule and when `cacheDuration` says so, keeps the last good
 * copy when a refresh fails, and never serves a copy past its `validUntil`.
 *
 * Instances agree through the store: a copy one instance fetched is written there, and the
 * others adopt it at their next look (every `saml.metadataSyncSeconds`), at start, and at
 * once when a Response is signed by a key their copy does not list (an IdP key rollover).
 *
 * `refresh` always answers with a load that began after it was called: a caller that
 * changed the source (or learnt that the IdP did) never gets the result of a load that read
 * the source before. Joining the load already under way instead was the race behind
 * refused valid logins during a rollover.
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
    const state = this.state(code);
    const now = this.options.clock.now();
    const usable = this.usable(state, now);
    if (usable) {
      if (this.stale(state, usable, now)) void this.refresh(code);
      return usable;
    }
    await this.syncFromStore(code);
    const shared = this.usable(state, this.options.clock.now());
    if (shared) return shared;
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

  /** Per country: when its current copy was loaded, the copy itself, the last load error (readiness, metrics). */
  health(): Array<{ country: string; loadedAt?: number; current?: IdpMetadata; lastError?: string }> {
    const now = this.options.clock.now();
    return [...this.states.entries()].map(([country, state]) => {
      const current = this.usable(state, now);
      return { country, ...(current && state.loadedAt !== undefined ? { loadedAt: state.loadedAt, current } : {}), ...(state.lastError ? { lastError: state.lastError } : {}) };
    });
  }

  /**
   * Reloads one country (or all) from the source, with loads that begin after this call;
   * failures are logged and leave the last good copy in place.
   */
  async refresh(code?: string): Promise<void> {
    const codes = code ? [code] : this.countries();
    await Promise.all(codes.map((c) => this.refreshOne(c)));
  }

  /**
   * A Response was signed by a key that `seen` (the copy it was checked against) does not
   * list. Returns newer metadata if there is any: another instance's copy from the store
   * first, else a load from the source, at most once per `saml.unknownKeyRefreshSeconds`
   * per country, so forged signatures cannot make us hammer an IdP.
   */
  async refreshForUnknownKey(code: string, seen: IdpMetadata): Promise<IdpMetadata | undefined> {
    const state = this.state(code);
    await this.syncFromStore(code);
    const newer = () => {
      const current = this.usable(state, this.options.clock.now());
      return current && current.digest !== seen.digest ? current : undefined;
    };
    if (newer()) return newer();
    const minimumMs = this.options.config.saml.unknownKeyRefreshSeconds * 1000;
    const last = state.lastUnknownKeyRefreshAt;
    if (last !== undefined && performance.now() - last < minimumMs) return undefined;
    state.lastUnknownKeyRefreshAt = performance.now();
    this.options.logger.info({ country: code }, 'signature by a key the identity provider metadata does not list: refreshing it');
    await this.refresh(code);
    return newer();
  }

  /**
   * Adopts the copies other instances stored that are newer than ours (all countries, or
   * one). Cheap when nothing changed: one query for digests, no XML.
   */
  async syncFromStore(code?: string): Promise<void> {
    const { store, logger } = this.options;
    if (!store) return;
    let versions;
    try {
      versions = await store.versions();
    } catch (error) {
      logger.warn({ reason: (error as Error)?.message }, 'stored identity provider metadata cannot be read');
      return;
    }
    for (const [country, version] of versions) {
      if (code && country !== code) continue;
      const state = this.states.get(country);
      if (!state || state.current?.digest === version.digest || (state.loadedAt ?? -Infinity) >= version.fetchedAt) continue;
      const stored = await store.read(country);
      const config = this.countryConfig(country);
      if (!stored || !config) continue;
      try {
        this.adopt(config, state, checkIdpMetadataDocument(config, stored.xml, this.options.baseDir, this.options.clock.now()), stored.fetchedAt);
      } catch (error) {
        logger.warn({ country, code: isPasserelleError(error) ? error.code : 'internal_error' }, 'stored identity provider metadata refused');
      }
    }
  }

  /**
   * Starts the schedule: the shared copies now, then a look at the store every
   * `saml.metadataSyncSeconds`. Loading from the sources is the periodic job `refreshDue`
   * (one instance per interval) and whatever `get` finds stale.
   */
  start(): void {
    if (this.timer) return;
    void this.syncFromStore().then(() => this.refreshDue());
    this.timer = setInterval(() => void this.syncFromStore(), this.options.config.saml.metadataSyncSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Loads from the source every country whose copy is missing or older than its refresh interval. */
  async refreshDue(): Promise<void> {
    await this.syncFromStore();
    const now = this.options.clock.now();
    const due = this.countries().filter((code) => {
      const state = this.state(code);
      return !state.current || this.stale(state, state.current, now);
    });
    await Promise.all(due.map((code) => this.refreshOne(code)));
  }

  private state(code: string): CountryState {
    const state = this.states.get(code);
    if (!state) throw new PasserelleError('country_unknown', `country ${code} is not configured`);
    return state;
  }

  private countryConfig(code: string): CountryConfig | undefined {
    return this.options.config.countries.find((c) => c.code === code);
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
    const country = this.countryConfig(code);
    if (!state || !country) return Promise.reject(new PasserelleError('country_unknown', `country ${code} is not configured`));
    if (state.inflight) {
      // The load under way may have read the source before our caller's reason to refresh:
      // wait for it, then load again (once for every caller that arrived meanwhile).
      state.queued ??= state.inflight.then(() => {
        state.queued = undefined;
        return this.refreshOne(code);
      });
      return state.queued;
    }
    state.inflight = this.load(country, state).finally(() => {
      state.inflight = undefined;
    });
    return state.inflight;
  }

  private async load(country: CountryConfig, state: CountryState): Promise<void> {
    const { logger, clock, store } = this.options;
    state.lastAttemptAt = performance.now();
    try {
      const fetchedAt = clock.now();
      const loaded = await loadIdpMetadata(country, this.options.baseDir, fetchedAt, this.options.fetchImpl);
      this.adopt(country, state, loaded.metadata, fetchedAt);
      state.lastError = undefined;
      if (store) {
        await store.write({ country: country.code, xml: loaded.xml, digest: loaded.metadata.digest, fetchedAt }).catch((error: unknown) => {
          logger.warn({ country: country.code, reason: (error as Error)?.message }, 'identity provider metadata could not be shared through the database');
        });
      }
    } catch (error) {
      state.lastError = isPasserelleError(error) ? error.code : 'internal_error';
      const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown';
      const keeping = Boolean(this.usable(state, clock.now()));
      logger.warn({ country: country.code, code: state.lastError, reason, keepingLastGoodCopy: keeping }, 'identity provider metadata could not be loaded');
    }
  }

  private adopt(country: CountryConfig, state: CountryState, loaded: IdpMetadata, fetchedAt: number): void {
    const previous = state.current;
    state.current = loaded;
    state.loadedAt = fetchedAt;
    const facts = { country: country.code, entityId: loaded.entityId, signed: loaded.metadataSigned, signingCertificates: loaded.signingFingerprints.length };
    if (!previous) this.options.logger.info(facts, 'identity provider metadata loaded: country added');
    else if (previous.digest !== loaded.digest) this.options.logger.info(facts, 'identity provider metadata changed');
  }
}
