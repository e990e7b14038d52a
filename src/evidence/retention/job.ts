import type { AppContext } from '../../context.js';
import { scheduleSharedJob } from '../../storage/scheduled-job.js';
import { purgeOnce } from './purge.js';

/**
 * The periodic purge: every instance's unref'd timer asks, one instance per interval runs it
 * (under the job's advisory lock, see src/storage/scheduled-job.ts); stopped on shutdown
 * after the run in progress, if any, has finished.
 */
export function startPurgeJob(ctx: AppContext): void {
  const seconds = ctx.config.evidence.purgeIntervalSeconds;
  if (seconds <= 0) return;
  scheduleSharedJob(ctx, {
    name: 'evidence-purge',
    intervalMs: seconds * 1000,
    run: async () => {
      const report = await purgeOnce(ctx);
      if (Object.values(report).some((n) => n > 0)) ctx.logger.info({ ...report }, 'evidence retention purge');
    },
  });
}
