import type { AppContext } from '../context.js';
import { ifLockFree } from './advisory-lock.js';
import type { Database } from './database.js';

export interface SharedJob {
  /** Stable name: the lock and the bookkeeping row. */
  name: string;
  intervalMs: number;
  run(): Promise<void>;
}

/**
 * One run of a periodic job for the whole deployment: the instance that gets the job's lock
 * and finds its last start at least one interval ago (less a tenth, for timers that drift)
 * records the start and runs it; the others skip. Returns whether this instance ran it.
 */
export async function runSharedJobOnce(db: Database, now: number, job: SharedJob): Promise<boolean> {
  const outcome = await ifLockFree(db, `job:${job.name}`, async () => {
    const row = await db.knex('scheduled_jobs').where({ name: job.name }).first() as { last_started_at: number } | undefined;
    if (row && now - row.last_started_at < job.intervalMs * 0.9 && now >= row.last_started_at) return false;
    await db.knex('scheduled_jobs').insert({ name: job.name, last_started_at: now }).onConflict('name').merge();
    await job.run();
    return true;
  });
  return outcome.ran && outcome.value;
}

/**
 * Every instance asks every interval (an unref'd timer, never overlapping itself); one of
 * them runs the job. Stopped on shutdown after the run in progress, if any.
 */
export function scheduleSharedJob(ctx: Pick<AppContext, 'db' | 'clock' | 'logger' | 'onClose'>, job: SharedJob): void {
  let current: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (current) return;
    current = runSharedJobOnce(ctx.db, ctx.clock.now(), job)
      .catch((error: unknown) => ctx.logger.error({ job: job.name, reason: (error as Error)?.message }, 'periodic job failed'))
      .finally(() => { current = undefined; });
  }, job.intervalMs);
  timer.unref();
  ctx.onClose.push(async () => {
    clearInterval(timer);
    await current;
  });
}
