import knex, { type Knex } from 'knex';

export interface TableActivity { table: string; seqScans: number; indexScans: number; inserted: number; updated: number; deleted: number }

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
      `select relname as table, coalesce(seq_scan, 0) as seq_scans, coalesce(idx_scan, 0) as idx_scans, n_tup_ins as inserted, n_tup_upd as updated, n_tup_del as deleted
       from pg_stat_user_tables where schemaname = ?`, [this.schema],
    )) as { rows: Array<Record<string, string | number>> };
    return new Map(rows.rows.map((r) => [String(r.table), {
      table: String(r.table), seqScans: Number(r.seq_scans), indexScans: Number(r.idx_scans), inserted: Number(r.inserted), updated: Number(r.updated), deleted: Number(r.deleted),
    }]));
  }

  /** Per-flow difference between two snapshots, busiest tables first. */
  static perFlow(before: Map<string, TableActivity>, after: Map<string, TableActivity>, flows: number): TableActivity[] {
    const per = (a: number, b: number) => Math.round(((a - b) / Math.max(1, flows)) * 100) / 100;
    return [...after.values()].map((a) => {
      const b = before.get(a.table) ?? { seqScans: 0, indexScans: 0, inserted: 0, updated: 0, deleted: 0 };
      return { table: a.table, seqScans: per(a.seqScans, b.seqScans), indexScans: per(a.indexScans, b.indexScans), inserted: per(a.inserted, b.inserted), updated: per(a.updated, b.updated), deleted: per(a.deleted, b.deleted) };
    }).filter((t) => total(t) > 0).sort((x, y) => total(y) - total(x));
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}

const total = (t: TableActivity) => t.seqScans + t.indexScans + t.inserted + t.updated + t.deleted;
