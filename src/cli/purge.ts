import { loadConfig } from '../config/load.js';
import { purgeOnce } from '../evidence/retention/purge.js';
import { purgeExpiredSamlState } from '../inbound/saml/index.js';
import { purgeExpiredOidcRows } from '../outbound/oidc/knex-adapter.js';
import { buildContext } from '../runtime.js';
import { createLogger } from '../web/logger.js';
import { exitWithError } from './fatal.js';

/**
 * `npm run purge`: one retention run over the configured database (the same run every
 * instance does every `evidence.purgeIntervalSeconds`): expired consents end, evidence
 * past its retention is crypto-shredded, abandoned previews and flows are removed. Expired
 * flow state (pending SAML requests, the assertion replay cache, OpenID Provider rows) goes too.
 */
async function main(): Promise<void> {
  const ctx = await buildContext(loadConfig(), { logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }) });
  try {
    const report = await purgeOnce(ctx);
    const saml = await purgeExpiredSamlState(ctx.db, ctx.clock.now());
    const oidc = await purgeExpiredOidcRows(ctx.db, ctx.clock);
    process.stdout.write(`consents expired: ${report.consentsExpired}, mandates expired: ${report.mandatesExpired}, evidence purged: ${report.itemsPurged}, `
      + `previews discarded: ${report.previewsDiscarded}, flows removed: ${report.flowsRemoved}, `
      + `expired SAML requests: ${saml.requests}, replay entries: ${saml.assertions}, OpenID Provider rows: ${oidc}\n`);
  } finally {
    for (const hook of ctx.onClose) await hook();
    await ctx.db.close();
  }
}

main().catch(exitWithError);
