import knex from 'knex';
import { migrateToLatest, openDatabase } from '../../src/storage/database.js';
import { fullSeed, seedEvidence } from './seed.js';

/**
 * `npx tsx bench/evidence/seed-cli.ts <postgres-url> [--schema name] [--scale 0.1]`: a migrated
 * schema filled with a deployment's worth of evidence rows (bench/evidence/seed.ts), for
 * measuring by hand (EXPLAIN, a purge run, /me). Refuses a schema that already exists.
 */
async function main(): Promise<void> {
  const [url, ...rest] = process.argv.slice(2);
  if (!url || !/^postgres(ql)?:\/\//.test(url)) throw new Error('usage: seed-cli.ts <postgres-url> [--schema name] [--scale factor]');
  const option = (name: string) => { const at = rest.indexOf(name); return at >= 0 ? rest[at + 1] : undefined; };
  const schema = option('--schema') ?? `seed_${Date.now().toString(36)}`;
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(schema)) throw new Error('--schema: lowercase letters, digits and _');
  const scale = Number(option('--scale') ?? '1');
  if (!(scale > 0 && scale <= 10)) throw new Error('--scale: a number in (0, 10]');
  const admin = knex({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  await admin.raw(`create schema ${schema}`);
  await admin.destroy();
  const db = openDatabase({ url, schema });
  try {
    await migrateToLatest(db);
    const size = Object.fromEntries(Object.entries(fullSeed).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))])) as unknown as typeof fullSeed;
    const started = performance.now();
    await seedEvidence(db.knex, size, Date.now());
    process.stdout.write(`schema ${schema}: ${JSON.stringify(size)} in ${Math.round(performance.now() - started) / 1000} s\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
