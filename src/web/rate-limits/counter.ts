import { createHmac } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../storage/database.js';
import { hotQuery } from '../../storage/hot-query.js';

export interface Window {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
}

export interface Count {
  hits: number;
  /** Seconds until the current window ends (at least 1). */
  retryAfterSeconds: number;
}

const table = 'rate_limit_hits';

/**
 * Fixed-window counters in the database, so every instance counts the same requests. A
 * hit is one atomic upsert (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`, the same SQL
 * on PostgreSQL and SQLite): two instances incrementing at once both see the sum.
 */
export class RateCounter {
  constructor(private readonly db: Database, private readonly clock: Clock, private readonly secret: string) {}

  /** Counts one request of `client` against `name` and returns the count so far in this window. */
  async hit(name: string, client: string, window: Window): Promise<Count> {
    const { key, expiresAt, retryAfterSeconds } = this.slot(name, client, window);
    const [added] = await this.add([{ key, expiresAt, hits: 1 }]);
    return { hits: added?.hits ?? 1, retryAfterSeconds };
  }

  /**
   * Adds counts to several windows in one atomic upsert; returns each window's total after it
   * (every instance adding at once sees the sum).
   */
  async add(counts: ReadonlyArray<{ key: string; expiresAt: number; hits: number }>): Promise<Array<{ key: string; hits: number }>> {
    if (counts.length === 0) return [];
    const rows = await hotQuery<{ key: string; hits: number | string }>(this.db,
      `insert into ${table} (key, hits, expires_at) values ${counts.map(() => '(?, ?, ?)').join(', ')}
       on conflict (key) do update set hits = ${table}.hits + excluded.hits
       returning key, hits`,
      counts.flatMap((c) => [c.key, c.hits, c.expiresAt]),
    );
    return rows.map((row) => ({ key: row.key, hits: Number(row.hits) }));
  }

  /** The count so far in this window, without counting. */
  async peek(name: string, client: string, window: Window): Promise<Count> {
    const { key, retryAfterSeconds } = this.slot(name, client, window);
    return { hits: await this.current(key), retryAfterSeconds };
  }

  async current(key: string): Promise<number> {
    const [row] = await hotQuery<{ hits: number | string }>(this.db, `select hits from ${table} where key = ?`, [key]);
    return Number(row?.hits ?? 0);
  }

  /** Deletes counters whose window has ended; returns how many went. */
  purge(): Promise<number> {
    return this.db.knex(table).where('expires_at', '<=', this.clock.now()).delete();
  }

  // Each request of a client needs its key: the HMAC is kept for the clients seen lately (bounded).
  private readonly digests = new Map<string, string>();

  private digestOf(input: string): string {
    let digest = this.digests.get(input);
    if (digest === undefined) {
      digest = createHmac('sha256', this.secret).update(input).digest('base64url').slice(0, 32);
      if (this.digests.size >= 10_000) this.digests.clear();
      this.digests.set(input, digest);
    }
    return digest;
  }

  /** The counter row of `client` for `name` in the current window. */
  slot(name: string, client: string, window: Window): { key: string; expiresAt: number; retryAfterSeconds: number } {
    const windowMs = window.windowSeconds * 1000;
    const now = this.clock.now();
    const index = Math.floor(now / windowMs);
    const expiresAt = (index + 1) * windowMs;
    // A keyed hash: the table never holds a client address, and keys cannot be predicted.
    const digest = this.digestOf(`${name}\0${client}`);
    return { key: `${name}:${digest}:${index}`, expiresAt, retryAfterSeconds: Math.max(1, Math.ceil((expiresAt - now) / 1000)) };
  }
}
