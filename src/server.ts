import { exitWithError } from './cli/fatal.js';
import { loadConfig } from './config/load.js';
import { startPasserelle } from './runtime.js';

/**
 * Production entry point: `node dist/src/server.js` with PASSERELLE_CONFIG and DATABASE_URL.
 * SIGTERM/SIGINT stop accepting connections, close idle ones, finish in-flight requests within
 * `shutdownGraceSeconds`, close the pool and exit 0.
 */
async function main(): Promise<void> {
  const loaded = loadConfig();
  const running = await startPasserelle(loaded);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.ctx.logger.info({ signal }, 'shutting down');
    // close() itself ends within the grace period; this only catches a hang after it (a
    // database that does not answer its goodbye).
    const force = setTimeout(() => process.exit(1), (running.ctx.config.shutdownGraceSeconds + 5) * 1000);
    force.unref();
    running.close().then(() => {
      running.ctx.logger.info({ signal }, 'stopped');
      process.exit(0);
    }, () => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // SIGHUP: look at the keyring now (after a rotate or promote) instead of at the next interval.
  process.on('SIGHUP', () => void running.reloadKeys());
}

main().catch(exitWithError);
