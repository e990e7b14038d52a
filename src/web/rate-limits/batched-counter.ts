import type { Clock } from '../../core/clock.js';
import type { Count, RateCounter, Window } from './counter.js';

/** Below this share of a limit an instance counts in memory; above it, every request is counted in the database. */
const localShare = 0.25;

interface Slot {
  /** The window's total in the database when this instance last wrote or read it. */
  known: number;
  /** Requests admitted here and not yet written. */
  pending: number;
  expiresAt: number;
  /** When `known` was read (authentication failures are read, not written, on most requests). */
  readAt: number;
}

/**
 * The database counters (counter.ts) without a statement per request. Far from its limit a
 * client's requests are counted in memory and written, for every client at once, in one
 * upsert per `flushEveryMs`; from a quarter of the limit on, each request is counted in the
 * database before it is answered, together with what this instance had not written yet, so
 * the refusal at the limit is exact across instances. With N instances a client can get at
 * most N quarters of its limit counted late, never more than the limit once N ≤ 4.
 */
export class BatchedRateCounter {
  private readonly slots = new Map<string, Slot>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(private readonly counter: RateCounter, private readonly clock: Clock, private readonly flushEveryMs = 1000,
    private readonly onError: (error: Error) => void = () => {}) {}

  /** Counts one request; `now`: in the database before returning, however far from the limit (failures). */
  async hit(name: string, client: string, window: Window, now = false): Promise<Count> {
    const { key, expiresAt, retryAfterSeconds } = this.counter.slot(name, client, window);
    const slot = this.slotFor(key, expiresAt);
    if (!now && slot.known + slot.pending + 1 <= window.limit * localShare) {
      slot.pending += 1;
      this.schedule();
      return { hits: slot.known + slot.pending, retryAfterSeconds };
    }
    const hits = slot.pending + 1;
    slot.pending = 0;
    try {
      const [added] = await this.counter.add([{ key, expiresAt, hits }]);
      slot.known = added?.hits ?? slot.known + hits;
      slot.readAt = this.clock.now();
    } catch (error) {
      slot.pending += hits - 1; // written later with the others; this request is not refused for a fault of ours
      throw error;
    }
    return { hits: slot.known, retryAfterSeconds };
  }

  /**
   * The count without counting (authentication failures before a credential check). Far below
   * the limit a reading up to `flushEveryMs` old is used; near it, the database is read.
   */
  async peek(name: string, client: string, window: Window): Promise<Count> {
    const { key, expiresAt, retryAfterSeconds } = this.counter.slot(name, client, window);
    const slot = this.slotFor(key, expiresAt);
    const fresh = this.clock.now() - slot.readAt < this.flushEveryMs;
    if (!fresh || slot.known + slot.pending >= window.limit * localShare) {
      slot.known = await this.counter.current(key);
      slot.readAt = this.clock.now();
    }
    return { hits: slot.known + slot.pending, retryAfterSeconds };
  }

  /** Writes what was counted in memory: one statement for every client. Also called at shutdown. */
  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => { this.flushing = undefined; });
    return this.flushing;
  }

  close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.flush();
  }

  private async write(): Promise<void> {
    const now = this.clock.now();
    const batch: Array<{ key: string; expiresAt: number; hits: number }> = [];
    for (const [key, slot] of this.slots) {
      if (slot.pending > 0) batch.push({ key, expiresAt: slot.expiresAt, hits: slot.pending });
      else if (slot.expiresAt <= now) this.slots.delete(key);
    }
    if (batch.length === 0) return;
    for (const { key } of batch) this.slots.get(key)!.pending = 0;
    try {
      const totals = await this.counter.add(batch);
      const readAt = this.clock.now();
      for (const { key, hits } of totals) {
        const slot = this.slots.get(key);
        if (slot) Object.assign(slot, { known: hits, readAt });
      }
    } catch (error) {
      for (const { key, hits } of batch) {
        const slot = this.slots.get(key);
        if (slot) slot.pending += hits;
      }
      this.onError(error as Error);
      this.schedule();
    }
  }

  private slotFor(key: string, expiresAt: number): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { known: 0, pending: 0, expiresAt, readAt: Number.NEGATIVE_INFINITY };
      this.slots.set(key, slot);
    }
    return slot;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushEveryMs);
    this.timer.unref();
  }
}
