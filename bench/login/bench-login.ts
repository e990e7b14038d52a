import { randomBytes } from 'node:crypto';
import type { Driver } from '../driver.js';
import type { BenchOptions } from '../options.js';
import type { MeasuredServer } from '../server/passerelle-process.js';
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
}

export interface MemoryResult {
  loginsAtStart: number;
  rssBeforeMiB: number;
  samples: Array<{ logins: number; rssMiB: number }>;
  /** RSS growth between the two later samples (the target: ≤ 10 %). */
  growthSecondHalfPercent: number;
}

export interface LoginBench {
  phases: LoginPhase[];
  /** PostgreSQL activity per login over the throughput phases (pg_stat_user_tables of the bench schema). */
  database: TableActivity[];
  memory: MemoryResult;
  idpProcesses: number;
}

/**
 * Logins against the running server: a warm-up, one phase per concurrency, then enough
 * further logins to sample the server's RSS at `memoryHalf` and `2 × memoryHalf` logins.
 */
export async function benchLogins(options: BenchOptions, driver: Driver, server: MeasuredServer, activity: DbActivity, log: (line: string) => void): Promise<LoginBench> {
  const { client, idp, target } = driver;
  const run = randomBytes(4).toString('hex').toUpperCase();
  let sequence = 0;
  const next = () => sequence++;
  const users: FlowRunner = (recorder) => {
    const user = new VirtualUser(client, target, idp, recorder);
    return async (n: number) => {
      await user.login({ personIdentifier: `${benchCountry}/${nodeCountry}/BENCH${run}${String(n).padStart(6, '0')}`, familyName: 'Muller', givenName: 'Lea', dateOfBirth: '1990-04-12' });
    };
  };
  const measured = async (limits: PhaseLimits): Promise<LoginPhase> => {
    const cpu0 = server.cpuMillis();
    const idp0 = await idp.cpuMillis();
    const result = await runPhase(limits, users, next);
    const flows = Math.max(1, result.flows);
    return {
      ...result,
      serverCpuMsPerFlow: round1((server.cpuMillis() - cpu0) / flows),
      idpCpuMsPerFlow: round1(((await idp.cpuMillis()) - idp0) / flows),
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
  const memory: MemoryResult = { loginsAtStart: sequence, rssBeforeMiB: server.rssMiB(), samples: [], growthSecondHalfPercent: Number.NaN };

  const phases: LoginPhase[] = [];
  const before = await activity.snapshot();
  for (const concurrency of options.concurrencies) {
    log(`login: concurrency ${concurrency} (≤ ${options.phaseSeconds} s, ≤ ${options.phaseMaxFlows} flows)`);
    const phase = await measured({ concurrency, maxSeconds: options.phaseSeconds, maxFlows: options.phaseMaxFlows });
    ensureWorks(phase, `concurrency ${concurrency}`);
    log(`  ${phase.flowsPerSecond} flows/s, ${phase.errors} errors, server CPU ${phase.serverCpuMsPerFlow} ms/flow`);
    phases.push(phase);
  }
  await pause();
  const database = DbActivity.perFlow(before, await activity.snapshot(), phases.reduce((n, p) => n + p.flows + p.errors, 0));

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
  return { phases, database, memory, idpProcesses: options.idpProcesses };
}

/** Lets timers and the GC of the server settle before a memory sample. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 2000));
