import type { AppContext } from '../../context.js';
import { checkTrackerIntegrity, type TrackerIntegrity } from '../tracker/check.js';
import { readTrackerPage, type TrackerRow } from '../tracker/log.js';
import { sealWindows } from '../tracker/window.js';

export interface TrackerView { tracker: TrackerRow[]; trackerPages: { olderBefore?: number; isNewest: boolean }; integrity: TrackerIntegrity }

/**
 * One page of the tracker (rows oldest first, for the view), newest page first, with the
 * integrity check of the whole chain through its signed checkpoints (tracker/check.ts). The
 * citizen's dedupe windows are sealed first, so every access so far is in the chain they see
 * (tracker/window.ts).
 */
export async function trackerView(ctx: AppContext, citizenKey: string, before: number | undefined): Promise<TrackerView> {
  await sealWindows(ctx.db.knex, ctx.clock.now(), citizenKey);
  const { rows, olderBefore } = await readTrackerPage(ctx.db.knex, citizenKey, before);
  const shown = rows.length > 0 ? { from: rows.at(-1)!.seq, to: rows[0]!.seq } : undefined;
  const integrity = await checkTrackerIntegrity(ctx, ctx.db.knex, citizenKey, shown);
  return { tracker: [...rows].reverse(), trackerPages: { ...(olderBefore !== undefined ? { olderBefore } : {}), isNewest: before === undefined }, integrity };
}
