import type { Knex } from 'knex';
import { sha256OfCanonical } from './canonical.js';
import { genesisHash, hashedContent, readTracker, type TrackerRow } from './log.js';

export interface TrackerIntegrity {
  intact: boolean;
  rows: number;
  /** Sequence number of the first row that does not check out. */
  brokenAt?: number;
  reason?: 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'head_mismatch';
}

/**
 * Recomputes every row's hash and link. Editing a row changes its hash; deleting or
 * inserting one breaks the sequence or the link; cutting the tail disagrees with the head.
 */
export function checkChain(rows: readonly TrackerRow[], head?: { seq: number; hash: string }): TrackerIntegrity {
  let previous = genesisHash;
  for (const [index, row] of rows.entries()) {
    if (Number(row.seq) !== index + 1) return { intact: false, rows: rows.length, brokenAt: Number(row.seq), reason: 'sequence_gap' };
    if (row.prev_hash !== previous) return { intact: false, rows: rows.length, brokenAt: Number(row.seq), reason: 'chain_broken' };
    if (sha256OfCanonical(hashedContent(row)) !== row.hash) return { intact: false, rows: rows.length, brokenAt: Number(row.seq), reason: 'hash_mismatch' };
    previous = row.hash;
  }
  if (head && (Number(head.seq) !== rows.length || head.hash !== previous)) {
    return { intact: false, rows: rows.length, brokenAt: rows.length + 1, reason: 'head_mismatch' };
  }
  return { intact: true, rows: rows.length };
}

/** The tamper check of one citizen's tracker, as shown on the dashboard. */
export async function checkTrackerIntegrity(db: Knex, citizenKey: string): Promise<TrackerIntegrity> {
  const rows = await readTracker(db, citizenKey);
  const head = await db('evidence_log_heads').where({ citizen_key: citizenKey }).first() as { seq: number; hash: string } | undefined;
  return checkChain(rows, head ?? { seq: 0, hash: genesisHash });
}
