import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

/**
 * Migrations live in the top-level `migrations/` folder and are recorded by name without
 * extension, so the same database can be migrated from sources (.ts, via tsx) and from
 * the compiled build (.js) alike.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

function migrationsDirectory(): string {
  // src/storage → ../../migrations ; dist/src/storage → ../../migrations (compiled copy)
  return path.resolve(here, '../../migrations');
}

interface MigrationFile { name: string; file: string }

function listMigrations(): MigrationFile[] {
  const dir = migrationsDirectory();
  const byName = new Map<string, string>();
  for (const entry of readdirSync(dir)) {
    const match = /^(\d{8}_\d{4}_[a-z0-9_-]+)\.(ts|js)$/.exec(entry);
    if (!match || entry.endsWith('.d.ts')) continue;
    const name = match[1]!;
    // Prefer the compiled file when both exist next to each other.
    if (!byName.has(name) || entry.endsWith('.js')) byName.set(name, path.join(dir, entry));
  }
  return [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, file]) => ({ name, file }));
}

export const migrationSource: Knex.MigrationSource<MigrationFile> = {
  getMigrations: async () => listMigrations(),
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => (await import(pathToFileURL(migration.file).href)) as Knex.Migration,
};
