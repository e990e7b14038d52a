import { readFileSync } from 'node:fs';
import knex, { type Knex } from 'knex';

const clockTicks = 100; // USER_HZ on Linux

/** CPU time (user + system, ms) of every PostgreSQL backend serving the bench's server connections. */
export type BackendCpu = Map<number, number>;

/**
 * PostgreSQL's own CPU for the server's statements: the backends whose application_name is the
 * bench schema (set in the server's connection string), read from /proc/<pid>/stat. The
 * database must run on this machine; elsewhere nothing is read and the figure is "not measured".
 */
export class PgBackends {
  private readonly db: Knex;

  constructor(databaseUrl: string, private readonly applicationName: string) {
    this.db = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
  }

  async snapshot(): Promise<BackendCpu | undefined> {
    const result = await this.db.raw('select pid from pg_stat_activity where application_name = ?', [this.applicationName]) as { rows: Array<{ pid: number }> };
    const cpu: BackendCpu = new Map();
    for (const { pid } of result.rows) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks);
      } catch {
        return undefined; // not on this machine (or not visible to us)
      }
    }
    return cpu;
  }

  /**
   * CPU used between two snapshots. A backend started in between counts whole; one that ended
   * in between is lost (the pool keeps busy connections open, so this undercounts at most).
   */
  static used(before: BackendCpu | undefined, after: BackendCpu | undefined): number | undefined {
    if (!before || !after || after.size === 0) return undefined;
    let sum = 0;
    for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
    return sum;
  }

  close(): Promise<void> {
    return this.db.destroy();
  }
}
