import { LatencyRecorder, round1, summarise, type LatencySummary } from '../stats.js';

export interface PhaseLimits {
  concurrency: number;
  /** Stop starting flows after this many seconds… */
  maxSeconds: number;
  /** …or after this many flows, whichever comes first. */
  maxFlows: number;
}

export interface PhaseResult {
  concurrency: number;
  flows: number;
  errors: number;
  seconds: number;
  flowsPerSecond: number;
  /** Whole-flow latency as the citizen and portal see it (includes the IdP's share). */
  flow: LatencySummary;
  steps: Record<string, LatencySummary>;
  firstErrors: string[];
}

export type FlowRunner = (recorder: LatencyRecorder, user: number) => (sequence: number) => Promise<void>;

/**
 * Runs flows with `concurrency` virtual users until a limit is reached, then waits for the flows
 * in progress. Too many failures stop the phase early: a broken flow is not a throughput.
 */
export async function runPhase(limits: PhaseLimits, makeUser: FlowRunner, nextSequence: () => number): Promise<PhaseResult> {
  const recorder = new LatencyRecorder();
  const flowTimes: number[] = [];
  const firstErrors: string[] = [];
  let started = 0;
  let errors = 0;
  let stop = false;
  const begin = performance.now();
  const deadline = begin + limits.maxSeconds * 1000;
  const loop = async (user: number) => {
    const run = makeUser(recorder, user);
    while (!stop && started < limits.maxFlows && performance.now() < deadline) {
      started += 1;
      const t0 = performance.now();
      try {
        await run(nextSequence());
        flowTimes.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        if (firstErrors.length < 5) firstErrors.push((error as Error).message);
        if (errors >= Math.max(10, started * 0.05)) stop = true;
      }
    }
  };
  await Promise.all(Array.from({ length: limits.concurrency }, (_, i) => loop(i)));
  const seconds = (performance.now() - begin) / 1000;
  return {
    concurrency: limits.concurrency,
    flows: flowTimes.length,
    errors,
    seconds: round1(seconds),
    flowsPerSecond: round1(flowTimes.length / seconds),
    flow: summarise(flowTimes),
    steps: recorder.summary(),
    firstErrors,
  };
}
