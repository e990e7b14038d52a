import { mkdirSync } from 'node:fs';
import path from 'node:path';
import knex, { type Knex } from 'knex';
import pg from 'pg';
import { PasserelleError } from '../core/errors.js';
import { withLock } from './advisory-lock.js';
import { migrationSource } from './migration-source.js';

// int8 columns hold epoch milliseconds, which fit a JS number; parse them as numbers on
// PostgreSQL so both databases return the same shapes.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

// knex prints pool errors to the console on its own; they are reported through
// assertReachable and the request error handler instead.
const quietKnexLog = { warn: () => {}, error: () => {}, debug: () => {}, deprecate: () => {} };

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly knex: Knex;
  readonly dialect: Dialect;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string | undefined;
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests isolate each run in its own schema). */
  schema?: string;
  pool?: { min: number; max: number };
}

export function openDatabase(options: DatabaseOptions): Database {
  if (options.url) {
    const connection = options.schema
      ? { connectionString: options.url, options: `-c search_path=${options.schema}` }
      : options.url;
    // An advisory lock (migrations, periodic jobs) holds one connection while the work it
    // guards runs on others: a pool of fewer than three could wait on itself.
    const pool = options.pool ?? { min: 0, max: 10 };
    const instance = knex({ client: 'pg', connection, pool: { min: pool.min, max: Math.max(3, pool.max) }, log: quietKnexLog });
    return { knex: instance, dialect: 'postgres', close: () => instance.destroy() };
  }
  const file = options.sqliteFile ?? 'data/passerelle.sqlite';
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const instance = knex({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
    log: quietKnexLog,
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(s: string): void }, done: (err: Error | null, conn: unknown) => void) => {
        // WAL lets readers proceed during writes; foreign keys are off by default in SQLite.
        conn.pragma('journal_mode = WAL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 5000');
        done(null, conn);
      },
    },
  });
  return { knex: instance, dialect: 'sqlite', close: () => instance.destroy() };
}

/** Fails with one clear message when the database cannot be reached. */
export async function assertReachable(db: Database): Promise<void> {
  try {
    await db.knex.raw('select 1');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new PasserelleError('database_unreachable', `database (${db.dialect}) is unreachable: ${reason}`, { cause: error });
  }
}

/**
 * Brings the schema to the latest migration. Instances starting together on an empty
 * database would race to create knex's own bookkeeping tables; under one advisory lock the
 * first migrates and the others find nothing left to do.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  return withLock(db, 'migrations', async () => {
    const [, applied] = (await db.knex.migrate.latest({ migrationSource })) as [number, string[]];
    return applied;
  });
}

export async function rollbackAll(db: Database): Promise<void> {
  await db.knex.migrate.rollback({ migrationSource }, true);
}
