/**
 * One-time request ids, remembered until they expire. In memory: a demo authority runs as one
 * process; a real one keeps this in its database.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  /** True the first time `id` is seen before `expiresAt`; false for a replay. */
  consume(id: string, expiresAt: number, now: number): boolean {
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
    if (this.seen.has(id)) return false;
    this.seen.set(id, expiresAt);
    return true;
  }
}
