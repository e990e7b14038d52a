import type { Config } from './config/schema.js';
import type { Clock } from './core/clock.js';
import type { Keystore } from './keys/keystore.js';
import type { Metrics } from './observability/metrics.js';
import type { Readiness } from './observability/readiness.js';
import type { Database } from './storage/database.js';
import type { Logger } from './web/logger.js';

/** What every part of a running Passerelle instance shares. Built once in runtime.ts. */
export interface AppContext {
  readonly config: Config;
  /** Directory relative paths in the configuration are resolved from. */
  readonly baseDir: string;
  readonly db: Database;
  readonly keystore: Keystore;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Prometheus metrics of this instance (src/observability/metrics.ts). */
  readonly metrics: Metrics;
  /** What /readyz reports, per dependency; features register their own checks. */
  readonly readiness: Readiness;
  /** Hooks run on shutdown (timers, caches). */
  readonly onClose: Array<() => Promise<void> | void>;
}
