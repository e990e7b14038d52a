import { createHmac } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Database } from '../../storage/database.js';

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
    const result = await this.db.knex.raw(
      `insert into ${table} (key, hits, expires_at) values (?, 1, ?)
       on conflict (key) do update set hits = ${table}.hits + 1
       returning hits`,
      [key, expiresAt],
    ) as { rows?: Array<{ hits: number | string }> } | Array<{ hits: number | string }>;
    const rows = Array.isArray(result) ? result : result.rows ?? [];
    return { hits: Number(rows[0]?.hits ?? 1), retryAfterSeconds };
  }

  /** The count so far in this window, without counting. */
  async peek(name: string, client: string, window: Window): Promise<Count> {
    const { key, retryAfterSeconds } = this.slot(name, client, window);
    const row = await this.db.knex(table).where({ key }).first('hits') as { hits: number | string } | undefined;
    return { hits: Number(row?.hits ?? 0), retryAfterSeconds };
  }

  /** Deletes counters whose window has ended; returns how many went. */
  purge(): Promise<number> {
    return this.db.knex(table).where('expires_at', '<=', this.clock.now()).delete();
  }

  private slot(name: string, client: string, window: Window) {
    const windowMs = window.windowSeconds * 1000;
    const now = this.clock.now();
    const index = Math.floor(now / windowMs);
    const expiresAt = (index + 1) * windowMs;
    // A keyed hash: the table never holds a client address, and keys cannot be predicted.
    const digest = createHmac('sha256', this.secret).update(`${name}\0${client}`).digest('base64url').slice(0, 32);
    return { key: `${name}:${digest}:${index}`, expiresAt, retryAfterSeconds: Math.max(1, Math.ceil((expiresAt - now) / 1000)) };
  }
}
