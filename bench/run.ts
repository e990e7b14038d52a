import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requesterJwksPath } from '../src/evidence/authority/protocol.js';
import { startDriver, type Driver } from './driver.js';
import { AuthorityProcess } from './evidence/authority-process.js';
import { benchEvidence, sharePhase, type EvidenceBench } from './evidence/bench-evidence.js';
import { benchScaleInWorkspace, shareCostTarget, type ScaleBench } from './evidence/bench-scale.js';
import { loginCryptoOperations, measureFloor } from './floor.js';
import { benchLogins } from './login/bench-login.js';
import { describeMachine } from './machine.js';
import { parseOptions } from './options.js';
import { buildReport, printReport, resultFileName } from './report.js';
import { PasserelleProcess, ServerGroup, type ServerStart } from './server/passerelle-process.js';
import { PgBackends } from './setup/pg-cpu.js';
import { createBenchSchema, redact } from './setup/database.js';
import { DbActivity } from './setup/db-activity.js';
import { createWorkspace, nodeCountry } from './setup/workspace.js';

/**
 * `npm run bench [-- --quick]`: Passerelle compiled and started as in production against
 * PostgreSQL, driven over loopback by this process (browser and portal), its IdP processes and
 * the demo authorities' process. Never part of the test suite; every loop is bounded in count and time.
 */
async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const machine = await describeMachine(options.databaseUrl);
  log(`${machine.cores} cores (${machine.cpuModel}), load ${machine.loadAverageAtStart}, PostgreSQL ${machine.postgres} at ${redact(options.databaseUrl)}${options.quick ? ', QUICK run' : ''}`);
  if (options.build) {
    log('npm run build');
    const built = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  if (!existsSync(options.serverEntry)) throw new Error(`${options.serverEntry} does not exist: run without --no-build`);

  const schema = await createBenchSchema(options.databaseUrl);
  const activity = new DbActivity(options.databaseUrl, schema.schema);
  const postgres = new PgBackends(options.databaseUrl, schema.schema);
  let authorities: AuthorityProcess | undefined;
  let server: ServerGroup | undefined;
  let driver: Driver | undefined;
  const workspace = await createWorkspace(options, schema.serverUrl, async (publicUrl, dir) => {
    authorities = await AuthorityProcess.start({ passerelleJwksUrl: publicUrl + requesterJwksPath, keysDirectory: path.join(dir, 'authority-keys'), nodeCountry });
    return { issuingAuthorities: authorities.config() };
  }).catch(async (error: unknown) => {
    await authorities?.stop();
    await activity.close();
    await postgres.close();
    await schema.drop();
    throw error;
  });
  try {
    log(`workspace ${workspace.dir}, schema ${schema.schema}`);
    if (options.cpuProfileDir) mkdirSync(options.cpuProfileDir, { recursive: true });
    const start: ServerStart = {
      entry: options.serverEntry, configFile: workspace.configFile, databaseUrl: schema.serverUrl, baseUrl: workspace.publicUrl,
      logFile: path.join(workspace.dir, 'server.log'), metricsToken: workspace.metricsToken, ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
    };
    server = await ServerGroup.start(start, workspace.ports);
    const first = server;
    log(`server pid ${server.instances.map((s) => s.pid).join(', ')} at ${workspace.publicUrl} (ports ${workspace.ports.join(', ')})`);

    log('crypto floor (server idle)');
    const floor = measureFloor(loginCryptoOperations(workspace.keystore, workspace.idp), options.floorSeconds);
    driver = await startDriver(options, workspace);
    // One more process of the same deployment for the scaling row (unless --instances already runs several).
    const second = options.instances > 1 ? undefined : {
      async start() {
        const extraStart: ServerStart = { ...start, port: workspace.sparePort, logFile: path.join(workspace.dir, 'server-second.log') };
        delete extraStart.cpuProfileDir;
        const extra = await PasserelleProcess.start(extraStart);
        return {
          ports: [...workspace.ports, workspace.sparePort],
          both: {
            cpuMillis: () => first.cpuMillis() + extra.cpuMillis(),
            rssMiB: () => first.rssMiB() + extra.rssMiB(),
            statements: async () => (await first.statements()) + (await extra.statements()),
          },
          stop: () => extra.stop(),
        };
      },
    };
    const login = await benchLogins(options, driver, server, activity, postgres, log, second);
    let evidence: EvidenceBench | undefined;
    try {
      evidence = await benchEvidence(options, driver, workspace, server, log);
    } catch (error) {
      log(`evidence benchmark failed: ${(error as Error).message}`);
    }
    let scale: ScaleBench | undefined;
    try {
      scale = await benchScaleInWorkspace(workspace.configFile, options.quick, log);
      if (evidence) {
        const { shareAndDownload } = await sharePhase(options, driver, server, log, ', seeded database');
        scale.shareAfterSeed = shareAndDownload;
        scale.targets.push(shareCostTarget(evidence.shareAndDownload, shareAndDownload, scale.seeded.consents));
      }
    } catch (error) {
      log(`evidence scale benchmark failed: ${(error as Error).message}`);
    }

    await server.stop();
    const report = buildReport({ options, machine, floor, login, ...(evidence ? { evidence } : {}), ...(scale ? { scale } : {}) });
    mkdirSync(options.resultsDir, { recursive: true });
    const file = path.join(options.resultsDir, resultFileName(machine.date, options.quick));
    writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    printReport(report);
    log(`results: ${file}`);
    if (options.cpuProfileDir) log(`server CPU profile in ${options.cpuProfileDir}: npx tsx bench/profile-summary.ts ${options.cpuProfileDir}`);
  } catch (error) {
    if (server) process.stderr.write(`[bench] server log (last lines):\n${server.logTail()}\n`);
    throw error;
  } finally {
    await driver?.close();
    await server?.stop();
    await authorities?.stop();
    workspace.remove();
    await activity.close();
    await postgres.close();
    await schema.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
