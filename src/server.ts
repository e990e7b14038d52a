import { exitWithError } from './cli/fatal.js';
import { loadConfig } from './config/load.js';
import { startPasserelle } from './runtime.js';

/**
 * Production entry point: `node dist/src/server.js` with PASSERELLE_CONFIG and DATABASE_URL.
 * SIGTERM/SIGINT stop accepting connections, finish in-flight requests and close the pool.
 */
async function main(): Promise<void> {
  const loaded = loadConfig();
  const running = await startPasserelle(loaded);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    running.ctx.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // SIGHUP: look at the keyring now (after a rotate or promote) instead of at the next interval.
  process.on('SIGHUP', () => void running.reloadKeys());
}

main().catch(exitWithError);
