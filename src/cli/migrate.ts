import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { assertReachable, migrateToLatest, openDatabase } from '../storage/database.js';
import { exitWithError } from './fatal.js';

/** `npm run migrate`: brings the configured database to the latest schema. */
async function main(): Promise<void> {
  const { config } = loadConfig();
  const db = openDatabase({ url: config.database.url, sqliteFile: path.resolve(config.database.sqliteFile) });
  try {
    await assertReachable(db);
    const applied = await migrateToLatest(db);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
  } finally {
    await db.close();
  }
}

main().catch(exitWithError);
