import type { Knex } from 'knex';

/**
 * How far back each retention scan looks again behind its cursor: longer than any transaction
 * and any clock difference between instances, so a row written late (a consent given by an
 * instance whose clock is behind, an end event committed after a later one) is still seen.
 */
export const cursorOverlapMs = 15 * 60_000;

/** Up to when a scan has handled everything (0 before its first complete run). */
export async function readCursor(db: Knex, name: string): Promise<number> {
  const row = await db('evidence_purge_cursors').where({ name }).first('at') as { at: number } | undefined;
  return row ? Number(row.at) : 0;
}

/** Moved only after a scan drained everything up to `at`; never moved backwards. */
export async function advanceCursor(db: Knex, name: string, at: number): Promise<void> {
  await db('evidence_purge_cursors').insert({ name, at }).onConflict('name')
    .merge({ at: db.raw('case when ?? < excluded.at then excluded.at else ?? end', ['evidence_purge_cursors.at', 'evidence_purge_cursors.at']) });
}
