import { randomBytes } from 'node:crypto';
import knex from 'knex';

export interface BenchSchema {
  /** DATABASE_URL of the server child: the same database, search_path = the private schema. */
  serverUrl: string;
  schema: string;
  drop(): Promise<void>;
}

/**
 * A private PostgreSQL schema for one run (as test/support/database.ts does for tests), handed
 * to the compiled server through its connection string, and dropped afterwards.
 */
export async function createBenchSchema(databaseUrl: string): Promise<BenchSchema> {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error(`DATABASE_URL must be a PostgreSQL URL, got ${databaseUrl}`);
  const schema = `bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`create schema ${schema}`);
  } catch (error) {
    await admin.destroy();
    throw new Error(`PostgreSQL at ${redact(databaseUrl)} is not usable: ${(error as Error).message}`);
  }
  await admin.destroy();
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  // The server's connections are found by this name (pg_stat_activity) to read their CPU time.
  url.searchParams.set('application_name', schema);
  return {
    serverUrl: url.href,
    schema,
    drop: async () => {
      const dropper = knex({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
      try {
        await dropper.raw(`drop schema if exists ${schema} cascade`);
      } finally {
        await dropper.destroy();
      }
    },
  };
}

export function redact(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
