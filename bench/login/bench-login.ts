import { randomBytes } from 'node:crypto';
import type { Driver } from '../driver.js';
import type { BenchOptions } from '../options.js';
import { HttpClient } from '../http/client.js';
import type { MeasuredServer } from '../server/passerelle-process.js';
import { PgBackends } from '../setup/pg-cpu.js';
import { benchCountry, nodeCountry } from '../setup/workspace.js';
import { DbActivity, type TableActivity } from '../setup/db-activity.js';
import { round1 } from '../stats.js';
import { VirtualUser } from './flow.js';
import { runPhase, type FlowRunner, type PhaseLimits, type PhaseResult } from './load.js';

export interface LoginPhase extends PhaseResult {
  /** Server process CPU per completed flow: what one login costs Passerelle, whatever else runs. */
  serverCpuMsPerFlow: number;
  /** IdP processes' CPU per flow (not charged to Passerelle). */
  idpCpuMsPerFlow: number;
  /** Statements the server sent to the database per flow (its counter at /metrics). */
  statementsPerFlow: number;
  /** CPU of the PostgreSQL backends serving the server, per flow; undefined when not readable. */
  postgresCpuMsPerFlow?: number;
}

export interface MemoryResult {
  /** Logins before the memory phase (warm-up and throughput phases). */
  loginsAtStart: number;
  rssBeforeMiB: number;
  /** RSS after `logins` logins of the memory phase itself (counted from its start). */
  samples: Array<{ logins: number; rssMiB: number }>;
  /** RSS growth between the two later samples (the target: ≤ 10 %). */
  growthSecondHalfPercent: number;
}

export interface LoginBench {
  phases: LoginPhase[];
  /** One more instance of the same deployment, requests spread over both (absent with --instances > 1). */
  twoInstances?: LoginPhase;
  /** PostgreSQL activity per login over the throughput phases (pg_stat_user_tables of the bench schema). */
  database: TableActivity[];
  memory: MemoryResult;
  idpProcesses: number;
}

/** A second instance of the deployment for the scaling phase: started, measured with the first, stopped. */
export interface SecondInstance {
  start(): Promise<{ both: MeasuredServer; ports: number[]; stop(): Promise<void> }>;
}

/**
 * Logins against the running server: a warm-up, one phase per concurrency (and one over two
 * instances), then a memory phase of its own that samples the server's RSS after `memoryHalf`
 * and `2 × memoryHalf` of its logins.
 */
export async function benchLogins(options: BenchOptions, driver: Driver, server: MeasuredServer, activity: DbActivity, postgres: PgBackends, log: (line: string) => void, second?: SecondInstance): Promise<LoginBench> {
  const { idp, target } = driver;
  const run = randomBytes(4).toString('hex').toUpperCase();
  let sequence = 0;
  const next = () => sequence++;
  const usersOn = (client: HttpClient): FlowRunner => (recorder) => {
    const user = new VirtualUser(client, target, idp, recorder);
    return async (n: number) => {
      await user.login({ personIdentifier: `${benchCountry}/${nodeCountry}/BENCH${run}${String(n).padStart(6, '0')}`, familyName: 'Muller', givenName: 'Lea', dateOfBirth: '1990-04-12' });
    };
  };
  const users = usersOn(driver.client);
  const measured = async (limits: PhaseLimits, on: MeasuredServer = server, flowsOf: FlowRunner = users): Promise<LoginPhase> => {
    const statements0 = await on.statements();
    const postgres0 = await postgres.snapshot();
    const cpu0 = on.cpuMillis();
    const idp0 = await idp.cpuMillis();
    const result = await runPhase(limits, flowsOf, next);
    const cpu1 = on.cpuMillis();
    const idp1 = await idp.cpuMillis();
    const postgresMs = PgBackends.used(postgres0, await postgres.snapshot());
    // Failed flows made statements too: divide by every flow started, not only the completed ones.
    const statements = (await on.statements()) - statements0;
    const flows = Math.max(1, result.flows);
    return {
      ...result,
      serverCpuMsPerFlow: round1((cpu1 - cpu0) / flows),
      idpCpuMsPerFlow: round1((idp1 - idp0) / flows),
      statementsPerFlow: round1(statements / Math.max(1, result.flows + result.errors)),
      ...(postgresMs === undefined ? {} : { postgresCpuMsPerFlow: round1(postgresMs / flows) }),
    };
  };
  const ensureWorks = (phase: PhaseResult, what: string) => {
    if (phase.flows === 0 || phase.errors > phase.flows * 0.05) {
      throw new Error(`${what}: ${phase.flows} flows, ${phase.errors} errors; first errors:\n  ${phase.firstErrors.join('\n  ')}`);
    }
  };

  log('login: warm-up');
  const warm = await runPhase({ concurrency: 4, maxSeconds: 30, maxFlows: options.quick ? 20 : 50 }, users, next);
  ensureWorks(warm, 'warm-up');
  await pause();

  const phases: LoginPhase[] = [];
  const before = await activity.snapshot();
  for (const concurrency of options.concurrencies) {
    log(`login: concurrency ${concurrency} (≤ ${options.phaseSeconds} s, ≤ ${options.phaseMaxFlows} flows)`);
    const phase = await measured({ concurrency, maxSeconds: options.phaseSeconds, maxFlows: options.phaseMaxFlows });
    ensureWorks(phase, `concurrency ${concurrency}`);
    log(`  ${describe(phase)}`);
    phases.push(phase);
  }
  await pause();
  const database = DbActivity.perFlow(before, await activity.snapshot(), phases.reduce((n, p) => n + p.flows + p.errors, 0));

  let twoInstances: LoginPhase | undefined;
  if (second) {
    log(`login: two instances, concurrency 8 (≤ ${options.phaseSeconds} s, ≤ ${options.phaseMaxFlows} flows)`);
    const pair = await second.start();
    const client = new HttpClient(64, { host: new URL(target.baseUrl).host, ports: pair.ports });
    try {
      twoInstances = await measured({ concurrency: 8, maxSeconds: options.phaseSeconds, maxFlows: options.phaseMaxFlows }, pair.both, usersOn(client));
      ensureWorks(twoInstances, 'two instances');
      log(`  ${describe(twoInstances)}`);
    } finally {
      client.close();
      await pair.stop();
    }
  }

  // Memory: a phase of its own, so that both samples are taken after a known number of its
  // logins, whatever the throughput phases did before.
  await pause();
  const memory: MemoryResult = { loginsAtStart: sequence, rssBeforeMiB: server.rssMiB(), samples: [], growthSecondHalfPercent: Number.NaN };
  const fillConcurrency = 8;
  for (const mark of [options.memoryHalf, 2 * options.memoryHalf]) {
    const done = () => sequence - memory.loginsAtStart;
    while (done() < mark) {
      log(`memory: ${done()} → ${mark} logins at concurrency ${fillConcurrency}`);
      const fill = await runPhase({ concurrency: fillConcurrency, maxSeconds: 600, maxFlows: mark - done() }, users, next);
      ensureWorks(fill, 'memory fill');
    }
    await pause();
    memory.samples.push({ logins: done(), rssMiB: server.rssMiB() });
  }
  const [half, full] = memory.samples;
  memory.growthSecondHalfPercent = round1(((full!.rssMiB - half!.rssMiB) / half!.rssMiB) * 100);
  return { phases, ...(twoInstances ? { twoInstances } : {}), database, memory, idpProcesses: options.idpProcesses };
}

const describe = (p: LoginPhase) => `${p.flowsPerSecond} flows/s, ${p.errors} errors, server CPU ${p.serverCpuMsPerFlow} ms/flow, ${p.statementsPerFlow} statements/flow, PostgreSQL CPU ${p.postgresCpuMsPerFlow ?? '–'} ms/flow`;

/** Lets timers and the GC of the server settle before a memory sample. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 2000));
