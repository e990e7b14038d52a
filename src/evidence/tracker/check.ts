import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { sha256OfCanonical } from './canonical.js';
import { checkpointEvery, readCheckpoints, storeCheckpoints } from './checkpoint.js';
import { genesisHash, hashedContent, readTracker, type TrackerRow } from './log.js';

export interface TrackerIntegrity {
  intact: boolean;
  /** Rows in the whole chain (the head's sequence number). */
  rows: number;
  /** Sequence number of the first row that does not check out. */
  brokenAt?: number;
  reason?: 'hash_mismatch' | 'chain_broken' | 'sequence_gap' | 'head_mismatch' | 'checkpoint_mismatch';
  /** The signed checkpoint the check started from (0: the start of the chain). */
  checkedFrom?: number;
}

type Link = { seq: number; hash: string };
const genesis: Link = { seq: 0, hash: genesisHash };

/**
 * Re-hashes a run of rows and their links, starting after `from` (the start of the chain, or
 * a checkpoint). Editing a row changes its hash; deleting or inserting one breaks the sequence
 * or the link; `to` (the head, or the next checkpoint) must be where the run ends, so a cut-off
 * tail or a rewritten run is noticed too.
 */
export function checkChain(rows: readonly TrackerRow[], to?: Link, from: Link = genesis): TrackerIntegrity {
  let previous = from.hash;
  const total = to?.seq ?? from.seq + rows.length;
  for (const [index, row] of rows.entries()) {
    const seq = Number(row.seq);
    if (seq !== from.seq + index + 1) return { intact: false, rows: total, brokenAt: seq, reason: 'sequence_gap' };
    if (row.prev_hash !== previous) return { intact: false, rows: total, brokenAt: seq, reason: 'chain_broken' };
    if (sha256OfCanonical(hashedContent(row)) !== row.hash) return { intact: false, rows: total, brokenAt: seq, reason: 'hash_mismatch' };
    previous = row.hash;
  }
  const end = from.seq + rows.length;
  if (to && (Number(to.seq) !== end || to.hash !== previous)) {
    return { intact: false, rows: total, brokenAt: Math.min(end, Number(to.seq)) + 1, reason: 'head_mismatch' };
  }
  return { intact: true, rows: total };
}

/**
 * The tamper check of one citizen's tracker, as the dashboard shows it: the rows after the
 * latest signed checkpoint up to the head, and, for the rows a page shows (`shown`, sequence
 * numbers), the segments between the checkpoints around them. Every segment was re-hashed in
 * full before its checkpoint was signed, so the whole chain stays covered. When the unchecked
 * tail has grown by `checkpointEvery` rows and is intact, checkpoints are signed at every
 * `checkpointEvery`-th row of it and at the head.
 */
export async function checkTrackerIntegrity(ctx: Pick<AppContext, 'keystore'>, db: Knex, citizenKey: string, shown?: { from: number; to: number }): Promise<TrackerIntegrity> {
  const headRow = await db('evidence_log_heads').where({ citizen_key: citizenKey }).first('seq', 'hash') as Link | undefined;
  const head: Link = headRow ? { seq: Number(headRow.seq), hash: headRow.hash } : genesis;
  const { points, valid } = await readCheckpoints(ctx, db, citizenKey);
  const checkpoints = points.filter((c) => c.seq <= head.seq);
  const latest: Link = [...checkpoints].reverse().find(valid) ?? genesis;
  const tailRows = await readTracker(db, citizenKey, { afterSeq: latest.seq });
  const tail = checkChain(tailRows, head, latest);
  if (!tail.intact) return { ...tail, checkedFrom: latest.seq };
  if (shown && shown.from <= latest.seq) {
    const below: Link = [...checkpoints].reverse().find((c) => c.seq < shown.from && valid(c)) ?? genesis;
    const above: Link = checkpoints.find((c) => c.seq >= Math.min(shown.to, latest.seq) && c.seq <= latest.seq && valid(c)) ?? latest;
    const segment = checkChain(await readTracker(db, citizenKey, { afterSeq: below.seq, toSeq: above.seq }), above, below);
    if (!segment.intact) return { ...segment, rows: head.seq, reason: segment.reason === 'head_mismatch' ? 'checkpoint_mismatch' : segment.reason, checkedFrom: below.seq };
  }
  if (head.seq - latest.seq >= checkpointEvery) {
    // Every checkpointEvery-th row of the stretch just re-hashed, and the head: segments stay short for later pages.
    const points = tailRows.filter((row) => row.seq % checkpointEvery === 0).map((row) => ({ seq: row.seq, hash: row.hash }));
    if (points.at(-1)?.seq !== head.seq) points.push(head);
    await storeCheckpoints(ctx, db, citizenKey, points.map((point) => ({ ...point, at: Date.now() })));
  }
  return { intact: true, rows: head.seq, checkedFrom: latest.seq };
}
