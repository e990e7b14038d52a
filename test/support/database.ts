import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knex from 'knex';
import { migrateToLatest, openDatabase, type Database } from '../../src/storage/database.js';

export interface TestDatabase {
  db: Database;
  /** PostgreSQL schema of this run (undefined on SQLite). */
  schema?: string;
  /** Opens another connection pool to the same data (a second instance). */
  reopen(): Database;
  cleanup(): Promise<void>;
}

/**
 * A fresh, migrated database: a temporary SQLite file by default, or a private schema in
 * the PostgreSQL of DATABASE_URL, so concurrent runs never see each other's rows.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  const extra: Database[] = [];
  if (url) {
    const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
    await admin.raw(`create schema ${schema}`);
    await admin.destroy();
    const db = openDatabase({ url, schema, pool: { min: 0, max: 5 } });
    await migrateToLatest(db);
    return {
      db,
      schema,
      reopen: () => {
        const other = openDatabase({ url, schema, pool: { min: 0, max: 5 } });
        extra.push(other);
        return other;
      },
      cleanup: async () => {
        for (const other of extra) await other.close();
        await db.close();
        const dropper = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
        await dropper.raw(`drop schema if exists ${schema} cascade`);
        await dropper.destroy();
      },
    };
  }
  const file = path.join(os.tmpdir(), `passerelle-test-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
  const db = openDatabase({ sqliteFile: file });
  await migrateToLatest(db);
  return {
    db,
    reopen: () => {
      const other = openDatabase({ sqliteFile: file });
      extra.push(other);
      return other;
    },
    cleanup: async () => {
      for (const other of extra) await other.close();
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
  };
}
