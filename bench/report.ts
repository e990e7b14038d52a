import type { FloorResult } from './floor.js';
import type { LoginBench } from './login/bench-login.js';
import { loginSteps, plainLoginSteps, type LoginStep } from './login/flow.js';
import type { MachineInfo } from './machine.js';
import type { BenchOptions } from './options.js';
import { round1 } from './stats.js';
import type { EvidenceBench } from './evidence/bench-evidence.js';
import type { ScaleBench } from './evidence/bench-scale.js';

export interface Target { name: string; target: string; measured: string; met: boolean | null }

export interface BenchReport {
  kind: 'passerelle-bench';
  quick: boolean;
  machine: MachineInfo;
  setup: { instances: number; idpAlgorithm: string; idpProcesses: number; concurrencies: number[]; phaseSeconds: number; phaseMaxFlows: number; server: string };
  floor: FloorResult;
  login: LoginBench & { best: { concurrency: number; flowsPerSecond: number }; ratioToFloor: number; acsP99AtConcurrency8?: number; cpuToFloorAtConcurrency8?: number };
  evidence?: EvidenceBench;
  /** Evidence costs against a seeded database (bench/evidence/bench-scale.ts). */
  scale?: ScaleBench;
  targets: Target[];
}

export function resultFileName(isoDate: string, quick: boolean): string {
  const day = isoDate.slice(0, 10);
  // Quick runs are for development: written, but ignored by git (.gitignore: bench/results/*.tmp.json).
  return quick ? `${day}-quick.tmp.json` : `${day}.json`;
}

export function buildReport(input: { options: BenchOptions; machine: MachineInfo; floor: FloorResult; login: LoginBench; evidence?: EvidenceBench; scale?: ScaleBench }): BenchReport {
  const { options, machine, floor, login, evidence, scale } = input;
  const best = login.phases.reduce((a, b) => (b.flowsPerSecond > a.flowsPerSecond ? b : a));
  const ratioToFloor = Math.round((best.flowsPerSecond / floor.flowsPerSecond) * 1000) / 1000;
  const c8 = login.phases.find((p) => p.concurrency === 8);
  const acsP99 = c8?.steps.acs?.p99;
  const cpuToFloor = c8 ? Math.round((c8.serverCpuMsPerFlow / floor.msPerFlow) * 100) / 100 : undefined;
  const [half, full] = login.memory.samples;
  const notMeasured = (what: string): Target => ({ name: what, target: '', measured: 'not measured (no phase at concurrency 8)', met: null });
  const targets: Target[] = [
    c8 && cpuToFloor !== undefined
      ? { name: 'server CPU per login at concurrency 8 ÷ crypto floor', target: '≤ 2.5 ×', measured: `${cpuToFloor} × (${c8.serverCpuMsPerFlow} ÷ ${floor.msPerFlow.toFixed(2)} ms)`, met: cpuToFloor <= 2.5 }
      : notMeasured('server CPU per login at concurrency 8 ÷ crypto floor'),
    c8
      ? { name: 'PostgreSQL CPU per login at concurrency 8', target: '≤ 3 ms', measured: c8.postgresCpuMsPerFlow === undefined ? 'not measured (database not on this machine)' : `${c8.postgresCpuMsPerFlow} ms`, met: c8.postgresCpuMsPerFlow === undefined ? null : c8.postgresCpuMsPerFlow <= 3 }
      : notMeasured('PostgreSQL CPU per login at concurrency 8'),
    c8
      ? { name: 'statements per login at concurrency 8', target: '≤ 15', measured: String(c8.statementsPerFlow), met: c8.statementsPerFlow <= 15 }
      : notMeasured('statements per login at concurrency 8'),
    { name: 'ACS p99 at concurrency 8', target: '< 50 ms', measured: acsP99 === undefined ? 'not measured' : `${acsP99} ms`, met: acsP99 === undefined ? null : acsP99 < 50 },
    { name: `RSS change from ${half?.logins} to ${full?.logins} logins (memory phase)`, target: '± 10 %', measured: `${login.memory.growthSecondHalfPercent} % (${half?.rssMiB} → ${full?.rssMiB} MiB)`, met: Math.abs(login.memory.growthSecondHalfPercent) <= 10 },
  ];
  if (evidence) {
    targets.push({
      name: 'evidence verification ÷ raw ES256 verification', target: '≥ 50 %',
      measured: `${round1(evidence.verification.ratio * 100)} % (${evidence.verification.perSecond} ÷ ${evidence.rawVerify.perSecond} /s)`, met: evidence.verification.ratio >= 0.5,
    });
  }
  return {
    kind: 'passerelle-bench',
    quick: options.quick,
    machine,
    setup: { instances: options.instances, idpAlgorithm: options.idpAlgorithm, idpProcesses: login.idpProcesses, concurrencies: options.concurrencies, phaseSeconds: options.phaseSeconds, phaseMaxFlows: options.phaseMaxFlows, server: options.serverEntry },
    floor,
    login: {
      ...login, best: { concurrency: best.concurrency, flowsPerSecond: best.flowsPerSecond }, ratioToFloor,
      ...(acsP99 !== undefined ? { acsP99AtConcurrency8: acsP99 } : {}), ...(cpuToFloor !== undefined ? { cpuToFloorAtConcurrency8: cpuToFloor } : {}),
    },
    ...(evidence ? { evidence } : {}),
    ...(scale ? { scale } : {}),
    targets: [...targets, ...(scale?.targets ?? [])],
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}

const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(1));

/** The report as Markdown tables: printed by `npm run bench`, pasted into docs/benchmarks.md. */
export function renderReport(report: BenchReport): string {
  const { machine, floor, login } = report;
  const out: string[] = [];
  out.push(`### ${report.quick ? 'Quick run' : 'Full run'} — ${machine.date.slice(0, 16).replace('T', ' ')} UTC`);
  out.push('');
  out.push(`${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node.js ${machine.node}, PostgreSQL ${machine.postgres} (${machine.postgresTransport ?? 'tcp'}), load average ${machine.loadAverageAtStart} at start. ${report.setup.instances === 1 ? 'One server process' : `${report.setup.instances} server processes (CPU and RSS are their sums)`}, IdP signatures ${report.setup.idpAlgorithm}, ${report.setup.idpProcesses} IdP process(es).`);
  out.push('');
  const columns = [...login.phases, ...(login.twoInstances ? [login.twoInstances] : [])];
  const single = report.setup.instances === 1;
  out.push(table(['login (complete flows)', ...login.phases.map((p) => `c=${p.concurrency}`), ...(login.twoInstances ? ['2 instances, c=8'] : [])], [
    ['flows/s', ...columns.map((p) => p.flowsPerSecond.toFixed(1))],
    ['flows (errors)', ...columns.map((p) => `${p.flows} (${p.errors})`)],
    [single ? 'server CPU ms per flow' : 'server CPU ms per flow (all instances)', ...columns.map((p) => p.serverCpuMsPerFlow.toFixed(1))],
    ['PostgreSQL backends CPU ms per flow', ...columns.map((p) => (p.postgresCpuMsPerFlow === undefined ? '–' : p.postgresCpuMsPerFlow.toFixed(1)))],
    ['SQL statements per flow', ...columns.map((p) => p.statementsPerFlow.toFixed(1))],
    ['IdP CPU ms per flow (not charged)', ...columns.map((p) => p.idpCpuMsPerFlow.toFixed(1))],
    ['whole flow p50 / p95 / p99 ms', ...columns.map((p) => `${ms(p.flow.p50)} / ${ms(p.flow.p95)} / ${ms(p.flow.p99)}`)],
  ]));
  out.push('');
  out.push(table(['endpoint p50 / p95 / p99 ms', ...login.phases.map((p) => `c=${p.concurrency}`), ...(login.twoInstances ? ['2 instances, c=8'] : [])],
    plainLoginSteps.map((step) => [loginSteps[step].trim(), ...columns.map((p) => {
      const s = p.steps[step];
      return s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}` : '–';
    })])));
  out.push('');
  if (login.database.length > 0) {
    out.push(table(['PostgreSQL per login (pg_stat_user_tables)', 'seq scans', 'index scans', 'inserted', 'updated', 'deleted'],
      login.database.map((t) => [t.table, t.seqScans.toFixed(1), t.indexScans.toFixed(1), t.inserted.toFixed(1), t.updated.toFixed(1), t.deleted.toFixed(1)])));
    out.push('');
  }
  out.push(table(['crypto floor (one process, back to back)', 'ms each', 'per second'], [
    ...floor.operations.map((o) => [o.name, o.msEach.toFixed(3), o.perSecond.toFixed(0)]),
    ['one login\'s operations in sequence', floor.msPerFlow.toFixed(3), floor.flowsPerSecond.toFixed(1)],
  ]));
  out.push('');
  const m = login.memory;
  out.push(table(['server RSS (memory phase, concurrency 8)', 'logins in the phase', 'MiB'], [
    [`at its start (after ${m.loginsAtStart} earlier logins)`, '0', m.rssBeforeMiB.toFixed(1)],
    ...m.samples.map((s, i) => [i === 0 ? 'middle' : 'end', String(s.logins), s.rssMiB.toFixed(1)]),
  ]));
  if (report.evidence) {
    const e = report.evidence;
    out.push('');
    out.push(table(['evidence', 'per second', 'note'], [
      ['raw ES256 verify of the attestation JWT (node:crypto)', e.rawVerify.perSecond.toFixed(0), 'one process, back to back'],
      ['Passerelle verifier: signature, claims, status, tracker', e.verification.perSecond.toFixed(1), `${e.verification.byConcurrency.map((b) => `c=${b.concurrency}: ${b.perSecond}/s`).join(', ')}; p99 ${ms(e.verification.latency.p99)} ms`],
      ['Passerelle signature and claims check alone', e.signatureCheck.perSecond.toFixed(0), `${round1(e.signatureCheck.ratio * 100)} % of raw`],
      ['share-and-download flows', e.shareAndDownload.perSecond === undefined ? '–' : e.shareAndDownload.perSecond.toFixed(1),
        e.shareAndDownload.note + (e.shareAndDownload.serverCpuMsPerFlow === undefined ? '' : `, server CPU ${e.shareAndDownload.serverCpuMsPerFlow} ms/flow`)],
    ]));
    if (Object.keys(e.shareAndDownload.steps).length > 0) {
      out.push('');
      out.push(table(['share-and-download endpoint p50 / p95 / p99 ms', `c=${e.shareAndDownload.concurrency}`],
        (Object.keys(loginSteps) as LoginStep[]).filter((s) => e.shareAndDownload.steps[s]).map((s) => {
          const v = e.shareAndDownload.steps[s]!;
          return [loginSteps[s].trim(), `${ms(v.p50)} / ${ms(v.p95)} / ${ms(v.p99)}`];
        })));
    }
  }
  out.push('');
  out.push(table(['target', 'wanted', 'measured', 'met'], report.targets.map((t) => [t.name, t.target, t.measured, t.met === null ? '–' : t.met ? 'yes' : 'NO'])));
  return out.join('\n');
}

export function printReport(report: BenchReport): void {
  process.stdout.write(renderReport(report) + '\n');
  if (report.quick) process.stdout.write(`\n(quick run: ${report.login.memory.samples.at(-1)?.logins} logins for the memory figures, short phases; the full run is \`npm run bench\`)\n`);
}
