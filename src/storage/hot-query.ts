import { createHash } from 'node:crypto';
import type { Database } from './database.js';

interface PgConnection {
  query(config: { name: string; text: string; values: readonly unknown[] }): Promise<{ rows: unknown[] }>;
}

const texts = new Map<string, { name: string; text: string }>();

/** `?` placeholders (knex's) as PostgreSQL's `$n`; our statements carry no `?` inside literals. */
function prepared(sql: string): { name: string; text: string } {
  let known = texts.get(sql);
  if (!known) {
    let n = 0;
    known = { name: `p_${createHash('sha256').update(sql).digest('base64url').slice(0, 24)}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    if (texts.size < 1000) texts.set(sql, known); // a bounded set of shapes: the statements of the login path
  }
  return known;
}

/**
 * A statement of the login path, which runs for every login: on PostgreSQL a named prepared
 * statement, parsed once per connection and planned from its cached plan after that (planning
 * these statements costs the backend more than running them); on SQLite, knex as usual.
 * Counted like every other statement (knex's `query` event).
 */
export async function hotQuery<Row>(db: Database, sql: string, bindings: readonly unknown[]): Promise<Row[]> {
  if (db.dialect !== 'postgres') {
    const result = await db.knex.raw(sql, bindings as never[]) as Row[] | { rows?: Row[] };
    return Array.isArray(result) ? result : result.rows ?? [];
  }
  const client = db.knex.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> };
  const { name, text } = prepared(sql);
  db.knex.emit('query', { sql, bindings, method: 'raw' });
  const connection = await client.acquireConnection();
  try {
    return (await connection.query({ name, text, values: bindings })).rows as Row[];
  } finally {
    await client.releaseConnection(connection);
  }
}
