import os from 'node:os';
import knex from 'knex';

export interface MachineInfo {
  date: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  /** How the server reaches PostgreSQL: `unix socket` or `tcp <host>`. */
  postgresTransport: string;
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  loadAverageAtStart: number;
  platform: string;
}

export async function describeMachine(databaseUrl: string): Promise<MachineInfo> {
  const db = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
  let postgres = 'unknown';
  try {
    postgres = String(((await db.raw('show server_version')) as { rows: Array<{ server_version: string }> }).rows[0]?.server_version ?? 'unknown');
  } finally {
    await db.destroy();
  }
  return {
    date: new Date().toISOString(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    postgresTransport: transportOf(databaseUrl),
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
    platform: `${os.type()} ${os.release()}`,
  };
}

function transportOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const host = url.searchParams.get('host') ?? url.hostname;
  return host === '' || host.startsWith('/') ? 'unix socket' : `tcp ${host}`;
}
