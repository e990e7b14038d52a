import { sign, verify } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppContext } from '../../context.js';
import { canonicalJson } from './canonical.js';

/**
 * Signed checkpoints of a citizen's chain: (seq, hash) of a row whose chain from the previous
 * checkpoint (or the start) was re-hashed and found intact, signed with the evidence-signing
 * key (ES256, compact JWS, `kid` in the header). A view re-hashes only the rows after the
 * latest checkpoint (and the segments between checkpoints that it shows), so its cost no
 * longer grows with the length of the chain. Forging a checkpoint needs the signing key;
 * deleting checkpoints only makes the next view re-hash from further back. A checkpoint whose
 * key is no longer published cannot be checked and is passed over.
 */
export const checkpointEvery = 256;

export interface Checkpoint { seq: number; hash: string; at: number }
export interface StoredCheckpoint extends Checkpoint { jws: string }

const header = (kid: string) => Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'passerelle-tracker-checkpoint', kid })).toString('base64url');

function payloadOf(citizenKey: string, point: Checkpoint): string {
  return Buffer.from(canonicalJson({ citizen_key: citizenKey, seq: point.seq, hash: point.hash, at: point.at })).toString('base64url');
}

export function signCheckpoint(ctx: Pick<AppContext, 'keystore'>, citizenKey: string, point: Checkpoint): string {
  const key = ctx.keystore.active('evidence-signing', 'EC');
  const input = `${header(key.kid)}.${payloadOf(citizenKey, point)}`;
  return `${input}.${sign('sha256', Buffer.from(input), { key: key.privateKey!, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

/** True when the JWS is ours, over exactly this citizen, seq, hash and time. */
export function checkpointSignatureValid(ctx: Pick<AppContext, 'keystore'>, citizenKey: string, point: StoredCheckpoint): boolean {
  const [head, payload, signature] = point.jws.split('.');
  if (!head || !signature || payload !== payloadOf(citizenKey, point)) return false;
  let kid: unknown;
  try { kid = (JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { kid?: unknown; alg?: unknown }).kid; } catch { return false; }
  const key = ctx.keystore.published('evidence-signing').find((k) => k.kid === kid && k.publicKey);
  if (!key) return false;
  return verify('sha256', Buffer.from(`${head}.${payload}`), { key: key.publicKey!, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
}

/**
 * The citizen's checkpoints, oldest first; `valid` checks a signature once, when it is needed
 * (a view uses two or three of them, however long the chain).
 */
export async function readCheckpoints(ctx: Pick<AppContext, 'keystore'>, db: Knex, citizenKey: string): Promise<{ points: StoredCheckpoint[]; valid: (point: StoredCheckpoint) => boolean }> {
  const rows = await db('evidence_log_checkpoints').where({ citizen_key: citizenKey }).orderBy('seq', 'asc').select('seq', 'hash', 'at', 'jws') as StoredCheckpoint[];
  const checked = new Map<number, boolean>();
  const valid = (point: StoredCheckpoint) => {
    let ok = checked.get(point.seq);
    if (ok === undefined) checked.set(point.seq, ok = checkpointSignatureValid(ctx, citizenKey, point));
    return ok;
  };
  return { points: rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, at: Number(r.at), jws: r.jws })), valid };
}

export async function storeCheckpoints(ctx: Pick<AppContext, 'keystore'>, db: Knex, citizenKey: string, points: readonly Checkpoint[]): Promise<void> {
  if (points.length === 0) return;
  await db('evidence_log_checkpoints').insert(points.map((point) => ({ citizen_key: citizenKey, ...point, jws: signCheckpoint(ctx, citizenKey, point) })))
    .onConflict(['citizen_key', 'seq']).ignore();
}
