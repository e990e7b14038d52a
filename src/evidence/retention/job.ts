import type { AppContext } from '../../context.js';
import { purgeOnce } from './purge.js';

/**
 * The periodic purge of every instance: an unref'd timer (it never keeps the process
 * alive), stopped on shutdown after the run in progress, if any, has finished; a run never
 * overlaps the previous one.
 */
export function startPurgeJob(ctx: AppContext): void {
  const seconds = ctx.config.evidence.purgeIntervalSeconds;
  if (seconds <= 0) return;
  let current: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (current) return;
    current = purgeOnce(ctx)
      .then((report) => {
        if (Object.values(report).some((n) => n > 0)) ctx.logger.info({ ...report }, 'evidence retention purge');
      })
      .catch((error: unknown) => ctx.logger.error({ reason: (error as Error).message }, 'evidence retention purge failed'))
      .finally(() => { current = undefined; });
  }, seconds * 1000);
  timer.unref();
  ctx.onClose.push(async () => {
    clearInterval(timer);
    await current;
  });
}
