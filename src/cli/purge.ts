import { loadConfig } from '../config/load.js';
import { purgeOnce } from '../evidence/retention/purge.js';
import { buildContext } from '../runtime.js';
import { createLogger } from '../web/logger.js';
import { exitWithError } from './fatal.js';

/**
 * `npm run purge`: one retention run over the configured database (the same run every
 * instance does every `evidence.purgeIntervalSeconds`): expired consents end, evidence
 * past its retention is crypto-shredded, abandoned previews and flows are removed.
 */
async function main(): Promise<void> {
  const ctx = await buildContext(loadConfig(), { logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }) });
  try {
    const report = await purgeOnce(ctx);
    process.stdout.write(`consents expired: ${report.consentsExpired}, evidence purged: ${report.itemsPurged}, `
      + `previews discarded: ${report.previewsDiscarded}, flows removed: ${report.flowsRemoved}\n`);
  } finally {
    for (const hook of ctx.onClose) await hook();
    await ctx.db.close();
  }
}

main().catch(exitWithError);
