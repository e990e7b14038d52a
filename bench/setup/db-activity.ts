import knex, { type Knex } from 'knex';

export interface TableActivity { table: string; scans: number; inserted: number; updated: number; deleted: number }

/**
 * PostgreSQL's own counters (pg_stat_user_tables) for the bench schema only, so that other
 * users of the same database do not count: scans and rows written per table.
 */
export class DbActivity {
  private readonly db: Knex;

  constructor(databaseUrl: string, private readonly schema: string) {
    this.db = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
  }

  async snapshot(): Promise<Map<string, TableActivity>> {
    const rows = (await this.db.raw(
      `select relname as table, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans, n_tup_ins as inserted, n_tup_upd as updated, n_tup_del as deleted
       from pg_stat_user_tables where schemaname = ?`, [this.schema],
    )) as { rows: Array<Record<string, string | number>> };
    return new Map(rows.rows.map((r) => [String(r.table), {
      table: String(r.table), scans: Number(r.scans), inserted: Number(r.inserted), updated: Number(r.updated), deleted: Number(r.deleted),
    }]));
  }

  /** Per-flow difference between two snapshots, busiest tables first. */
  static perFlow(before: Map<string, TableActivity>, after: Map<string, TableActivity>, flows: number): TableActivity[] {
    const per = (a: number, b: number) => Math.round(((a - b) / Math.max(1, flows)) * 100) / 100;
    return [...after.values()].map((a) => {
      const b = before.get(a.table) ?? { scans: 0, inserted: 0, updated: 0, deleted: 0 };
      return { table: a.table, scans: per(a.scans, b.scans), inserted: per(a.inserted, b.inserted), updated: per(a.updated, b.updated), deleted: per(a.deleted, b.deleted) };
    }).filter((t) => t.scans + t.inserted + t.updated + t.deleted > 0)
      .sort((x, y) => (y.scans + y.inserted + y.updated + y.deleted) - (x.scans + x.inserted + x.updated + x.deleted));
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
