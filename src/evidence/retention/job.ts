import type { AppContext } from '../../context.js';
import { purgeOnce } from './purge.js';

/**
 * The periodic purge of every instance: an unref'd timer (it never keeps the process
 * alive), stopped on shutdown; a run never overlaps the previous one.
 */
export function startPurgeJob(ctx: AppContext): void {
  const seconds = ctx.config.evidence.purgeIntervalSeconds;
  if (seconds <= 0) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    purgeOnce(ctx)
      .then((report) => {
        if (Object.values(report).some((n) => n > 0)) ctx.logger.info({ ...report }, 'evidence retention purge');
      })
      .catch((error: unknown) => ctx.logger.error({ reason: (error as Error).message }, 'evidence retention purge failed'))
      .finally(() => { running = false; });
  }, seconds * 1000);
  timer.unref();
  ctx.onClose.push(() => clearInterval(timer));
}
