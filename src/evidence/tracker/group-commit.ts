import type { Knex } from 'knex';
import type { TrackerEntry } from './log.js';
import { appendToTracker } from './log.js';
import { addRepeats, isDeduplicated, recordDeduplicated, windowKey } from './window.js';

export interface GroupCommitOptions {
  /** A batch is written as soon as it holds this many accesses… */
  maxBatch?: number;
  /** …or this long after its first access arrived. */
  maxWaitMs?: number;
  /** Runs inside each batch's transaction just before it commits (failure injection in tests). */
  beforeCommit?: (size: number) => void | Promise<void>;
}

interface Pending { citizenKey: string; at: number; entry: TrackerEntry; order: string; resolve: () => void; reject: (error: unknown) => void }

/**
 * Group commit for the accesses the verification path and the portal API record: every access
 * is still committed to the tracker before it is answered, but the accesses arriving together
 * share one transaction. A batch is written when it is full or a few milliseconds after its
 * first access; one batch is written at a time per instance, the next one fills meanwhile. If
 * the batch's transaction fails, every caller of that batch gets the error and nothing of it
 * is recorded. Inside a batch the accesses are written in (citizen, window) order, so batches
 * of two instances take their row locks in the same order.
 */
export class TrackerGroupCommit {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;

  constructor(private readonly knex: Knex, private readonly options: GroupCommitOptions = {}) {
    this.maxBatch = options.maxBatch ?? 64;
    this.maxWaitMs = options.maxWaitMs ?? 2;
  }

  /** Resolves once the access is committed; rejects with the batch's error otherwise. */
  record(citizenKey: string, at: number, entry: TrackerEntry): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const order = `${citizenKey}\u0000${isDeduplicated(entry) ? windowKey(citizenKey, entry) : ''}`;
      this.queue.push({ citizenKey, at, entry, order, resolve, reject });
      if (this.queue.length >= this.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.maxWaitMs);
    });
  }

  /** Writes what is queued (used on shutdown). */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.writing) {
      this.kick();
      await this.writing;
    }
  }

  private kick(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    if (this.writing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.writing = this.write(batch).finally(() => {
      this.writing = undefined;
      if (this.queue.length >= this.maxBatch) this.kick();
      else if (this.queue.length > 0) this.timer ??= setTimeout(() => this.kick(), this.maxWaitMs);
    });
  }

  private async write(batch: Pending[]): Promise<void> {
    const ordered = [...batch].sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.at - b.at));
    try {
      await this.knex.transaction(async (trx) => {
        for (let n = 0; n < ordered.length; n += 1) {
          const access = ordered[n]!;
          if (!isDeduplicated(access.entry)) {
            await appendToTracker(trx, access.citizenKey, access.at, access.entry);
            continue;
          }
          const window = await recordDeduplicated(trx, access.citizenKey, access.at, access.entry);
          // Identical accesses of this batch (adjacent once sorted) inside the same window: one counter update.
          const repeats: number[] = [];
          while (ordered[n + 1]?.order === access.order && ordered[n + 1]!.at < window.closesAt) repeats.push(ordered[(n += 1)]!.at);
          await addRepeats(trx, window.key, repeats);
        }
        await this.options.beforeCommit?.(batch.length);
      });
    } catch (error) {
      for (const access of batch) access.reject(error);
      return;
    }
    for (const access of batch) access.resolve();
  }
}

const perDatabase = new WeakMap<Knex, TrackerGroupCommit>();

/** The instance's group commit for this database (one per connection pool). */
export function trackerGroupCommit(knex: Knex): TrackerGroupCommit {
  let found = perDatabase.get(knex);
  if (!found) {
    found = new TrackerGroupCommit(knex);
    perDatabase.set(knex, found);
  }
  return found;
}
