import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Express } from 'express';
import type { LoadedConfig } from './config/load.js';
import type { AppContext } from './context.js';
import { systemClock, type Clock } from './core/clock.js';
import { features as defaultFeatures } from './features.js';
import { watchKeyring } from './keys/keyring-watch.js';
import { Keystore } from './keys/keystore.js';
import { Metrics } from './observability/metrics.js';
import { startMetricsServer } from './observability/metrics-endpoint.js';
import { startTracing } from './observability/tracing.js';
import { databaseCheck, ownCertificatesCheck } from './observability/checks.js';
import { Readiness } from './observability/readiness.js';
import { countDatabaseStatements, observeDatabasePool, observeOwnCertificates } from './observability/resource-gauges.js';
import { assertReachable, migrateToLatest, openDatabase, type Database } from './storage/database.js';
import { createApp, type Feature } from './web/app.js';
import { trackConnections } from './web/graceful-close.js';
import { createLogger, flushLogger, type Logger } from './web/logger.js';

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Overrides the configured port (0 = any free port). */
  port?: number;
  host?: string;
  features?: readonly Feature[];
  /** Use an already opened database (tests share one between two instances). */
  db?: Database;
  /** PostgreSQL schema (tests isolate runs). */
  schema?: string;
}

export interface RunningPasserelle {
  readonly app: Express;
  readonly server: Server;
  readonly url: string;
  /** Where /metrics is served when `metrics.port` is set. */
  readonly metricsUrl?: string;
  readonly ctx: AppContext;
  /** Looks for a changed keyring now instead of at the next interval (SIGHUP). */
  reloadKeys(): Promise<void>;
  close(): Promise<void>;
}

/** Builds the context every feature shares: database (migrated), keys, logger, clock. */
export async function buildContext(loaded: LoadedConfig, options: StartOptions = {}): Promise<AppContext> {
  const { config } = loaded;
  const logger = options.logger ?? createLogger();
  const baseDir = process.cwd();
  if (config.environment === 'production' && !config.database.url) {
    logger.warn({}, 'production mode on the embedded SQLite database: use PostgreSQL (DATABASE_URL) for real deployments');
  }
  if (config.publicUrl.startsWith('https://') && config.trustProxy === false) {
    logger.warn({}, 'publicUrl is https but trustProxy is not set: behind a TLS-terminating proxy every client shares the proxy\'s address and rate limit; set trustProxy to the proxy chain (docs/operations.md)');
  }
  const db = options.db ?? openDatabase({
    url: config.database.url,
    sqliteFile: path.resolve(baseDir, config.database.sqliteFile),
    pool: config.database.pool,
    ...(options.schema ? { schema: options.schema } : {}),
  });
  try {
    await assertReachable(db);
    const applied = await migrateToLatest(db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const keystore = await Keystore.open(path.resolve(baseDir, config.keys.directory), {
      generateDevelopmentKeys: config.keys.generateDevelopmentKeys,
      logger,
      subject: new URL(config.publicUrl).host,
    });
    const clock = options.clock ?? systemClock;
    const metrics = new Metrics();
    observeDatabasePool(metrics, db);
    countDatabaseStatements(metrics, db);
    observeOwnCertificates(metrics, keystore, clock);
    const readiness = new Readiness();
    readiness.register('database', databaseCheck(db));
    readiness.register('keys', ownCertificatesCheck(keystore, clock));
    return { config, baseDir, db, keystore, logger, clock, metrics, readiness, onClose: [] };
  } catch (error) {
    if (!options.db) await db.close();
    throw error;
  }
}

export async function startPasserelle(loaded: LoadedConfig, options: StartOptions = {}): Promise<RunningPasserelle> {
  const ctx = await buildContext(loaded, options);
  const stopTracing = await startTracing(ctx.config);
  if (stopTracing) ctx.onClose.push(stopTracing);
  const app = await createApp(ctx, options.features ?? defaultFeatures);
  const keyring = watchKeyring(ctx.keystore, ctx.config.keys.reloadIntervalSeconds * 1000, ctx.logger);
  ctx.onClose.push(() => keyring.stop());
  const server = createServer(app);
  const connections = trackConnections(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? ctx.config.port, options.host ?? ctx.config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.keepAliveTimeout = 5_000;
  const { metrics } = ctx.config;
  const metricsServer = metrics.port !== undefined ? await startMetricsServer(ctx, metrics.port, metrics.host ?? options.host ?? ctx.config.host) : undefined;
  if (metricsServer) {
    const metricsPort = (metricsServer.address() as AddressInfo).port;
    ctx.logger.info({ port: metricsPort }, 'metrics listening');
    ctx.onClose.push(() => new Promise<void>((resolve) => { metricsServer.close(() => resolve()); metricsServer.closeAllConnections(); }));
  }
  const address = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  ctx.logger.info({ port: address.port, publicUrl: ctx.config.publicUrl, database: ctx.db.dialect }, 'passerelle listening');
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      // Stop accepting, close idle and silent connections, let in-flight requests finish
      // within the grace period, then release the database.
      const { cut } = await connections.close(ctx.config.shutdownGraceSeconds * 1000);
      if (cut > 0) ctx.logger.warn({ connections: cut }, 'connections still busy at the end of the grace period were cut');
      for (const hook of ctx.onClose) await hook();
      if (!options.db) await ctx.db.close();
      await flushLogger(ctx.logger);
    })();
    return closing;
  };
  const metricsUrl = metricsServer ? `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}/metrics` : undefined;
  return { app, server, url, ctx, reloadKeys: keyring.check, close, ...(metricsUrl ? { metricsUrl } : {}) };
}
