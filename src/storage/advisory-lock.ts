import type { Database } from './database.js';

/**
 * Named locks that hold across instances. On PostgreSQL they are transaction-scoped advisory
 * locks (released at commit, rollback or a lost connection, so a crashed instance never
 * leaves one behind), keyed by the schema and the name so that separate deployments or test
 * runs sharing a server do not wait for each other. SQLite serves one process only, so a
 * lock there only orders the callers inside this process.
 */
const lockKey = "hashtext('passerelle'), hashtext(coalesce(current_schema(), '') || ':' || ?)";

/** SQLite: the locks held in this process, per database file (several handles may open one file). */
const heldLocks = new Map<string, Map<string, Promise<unknown>>>();

function held(db: Database): Map<string, Promise<unknown>> {
  const config = db.knex.client.config as { connection?: { filename?: string } };
  const file = config.connection?.filename ?? '';
  let locks = heldLocks.get(file);
  if (!locks) heldLocks.set(file, (locks = new Map()));
  return locks;
}

/** Runs `work` while holding the lock `name`, waiting for it if another holder has it. */
export async function withLock<T>(db: Database, name: string, work: () => Promise<T>): Promise<T> {
  if (db.dialect === 'sqlite') return inProcess(held(db), name, work);
  return db.knex.transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(${lockKey})`, [name]);
    return work();
  });
}

/** Runs `work` only if the lock `name` is free now; otherwise skips it. */
export async function ifLockFree<T>(db: Database, name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  if (db.dialect === 'sqlite') {
    if (held(db).has(name)) return { ran: false };
    return { ran: true, value: await inProcess(held(db), name, work) };
  }
  return db.knex.transaction(async (trx) => {
    const result = await trx.raw(`select pg_try_advisory_xact_lock(${lockKey}) as acquired`, [name]) as { rows: Array<{ acquired: boolean }> };
    if (!result.rows[0]?.acquired) return { ran: false as const };
    return { ran: true as const, value: await work() };
  });
}

function inProcess<T>(held: Map<string, Promise<unknown>>, name: string, work: () => Promise<T>): Promise<T> {
  const before = held.get(name) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  const tail = mine.catch(() => undefined);
  held.set(name, tail);
  void tail.then(() => {
    if (held.get(name) === tail) held.delete(name);
  });
  return mine;
}
