import { createHash } from 'node:crypto';
import type { AppContext } from '../../src/context.js';
import { trackerView } from '../../src/evidence/dashboard/tracker-model.js';
import { dashboardPage } from '../../src/evidence/dashboard/page.js';
import { purgeOnce } from '../../src/evidence/retention/purge.js';
import { allocateStatusEntry } from '../../src/evidence/status/lists.js';
import { canonicalJson } from '../../src/evidence/tracker/canonical.js';
import { genesisHash, hashedContent, type TrackerRow } from '../../src/evidence/tracker/log.js';
import type { Target } from '../report.js';
import { round1, summarise, type LatencySummary } from '../stats.js';
import { fullSeed, seedEvidence, type SeedSize } from './seed.js';

export interface ScaleBench {
  seeded: SeedSize & { seconds: number };
  /** ms per status-list allocation (its own committed transaction), median of the runs. */
  allocation: { withThousand: LatencySummary; withSeeded: LatencySummary; ratio: number };
  /** The /me work for a citizen with 10,000 tracker rows: page read, integrity check, HTML. */
  me: { rows: number; firstViewMs: number; steady: LatencySummary; htmlBytes: number };
  purgeIdleMs: number;
  /** Share-and-download flows again, on the seeded database (run.ts). */
  shareAfterSeed?: SharePhaseResult & { flows: number; errors: number };
  targets: Target[];
}

const ms = (t0: number) => performance.now() - t0;

class RollBack extends Error {}

/** The allocation's statements inside a share's transaction, which is then rolled back (no commit, so the database is left as it was). */
async function timeAllocations(ctx: AppContext, runs: number): Promise<LatencySummary> {
  const times: number[] = [];
  for (let n = 0; n < runs; n += 1) {
    await ctx.db.knex.transaction(async (trx) => {
      const t0 = performance.now();
      await allocateStatusEntry(trx, crypto.randomUUID(), Date.now());
      times.push(ms(t0));
      throw new RollBack();
    }).catch((error: unknown) => { if (!(error instanceof RollBack)) throw error; });
  }
  return summarise(times);
}

/** A real chain of `count` rows for one citizen, hashed here and inserted in bulk. */
async function chainFor(ctx: AppContext, citizenKey: string, count: number): Promise<void> {
  let previous = genesisHash;
  const rows: TrackerRow[] = [];
  for (let seq = 1; seq <= count; seq += 1) {
    const content = { citizen_key: citizenKey, seq, at: Date.now() - (count - seq) * 1000, event: seq % 3 ? 'portal_access' : 'verified',
      actor_type: seq % 3 ? 'portal' : 'official', actor_id: seq % 3 ? 'bench-portal' : null, evidence_type: 'family-composition', evidence_id: null,
      consent_id: null, procedure: 'bench', purpose: 'bench', outcome: 'ok', detail: seq % 3 ? 'document' : 'valid', prev_hash: previous };
    const hash = createHash('sha256').update(canonicalJson(hashedContent(content))).digest('hex');
    rows.push({ ...content, hash });
    previous = hash;
  }
  for (let from = 0; from < rows.length; from += 1000) await ctx.db.knex('evidence_log').insert(rows.slice(from, from + 1000));
  await ctx.db.knex('evidence_log_heads').insert({ citizen_key: citizenKey, seq: count, hash: previous });
}

async function renderMe(ctx: AppContext, citizenKey: string): Promise<number> {
  const view = await trackerView(ctx, citizenKey, undefined);
  if (!view.integrity.intact) throw new Error(`bench /me: the chain does not check out (${view.integrity.reason} at ${view.integrity.brokenAt})`);
  return dashboardPage(ctx, { lang: 'en', csrf: 'bench', items: [], consents: [], ...view }).length;
}

/**
 * Costs that must not grow with the data (issue #12, item 5): status-list allocation with
 * 1,000 shares and after seeding a deployment's worth (fullSeed; quick: a tenth of the tracker
 * rows), /me for a citizen with 10,000 tracker rows, and an idle retention run on that database.
 */
export async function benchScale(ctx: AppContext, quick: boolean, log: (line: string) => void): Promise<ScaleBench> {
  const now = Date.now();
  const runs = quick ? 200 : 1_000;
  await seedEvidence(ctx.db.knex, { citizens: 1_000, documents: 1_000, consents: 1_000, trackerRows: 1_000 }, now, 'small');
  log('scale: status-list allocation with 1,000 shares');
  await timeAllocations(ctx, 10);
  const withThousand = await timeAllocations(ctx, runs);
  const size = quick ? { ...fullSeed, trackerRows: fullSeed.trackerRows / 10 } : fullSeed;
  log(`scale: seeding ${size.citizens} citizens, ${size.documents} documents, ${size.consents} consents, ${size.trackerRows} tracker rows`);
  const t0 = performance.now();
  await seedEvidence(ctx.db.knex, size, now, 'seed');
  const seeded = { ...size, seconds: round1(ms(t0) / 1000) };
  log(`scale: seeded in ${seeded.seconds} s; allocation again`);
  await timeAllocations(ctx, 10);
  const withSeeded = await timeAllocations(ctx, runs);

  log('scale: /me with 10,000 tracker rows');
  await chainFor(ctx, 'bench-me', 10_000);
  let t1 = performance.now();
  await renderMe(ctx, 'bench-me');
  const firstViewMs = round1(ms(t1));
  const times: number[] = [];
  let htmlBytes = 0;
  for (let n = 0; n < (quick ? 20 : 100); n += 1) {
    t1 = performance.now();
    htmlBytes = await renderMe(ctx, 'bench-me');
    times.push(ms(t1));
  }
  const steady = summarise(times);

  log('scale: idle retention run');
  await purgeOnce(ctx);
  t1 = performance.now();
  await purgeOnce(ctx);
  const purgeIdleMs = round1(ms(t1));

  const ratio = Math.round((withSeeded.p50 / withThousand.p50) * 1000) / 1000;
  return {
    seeded, allocation: { withThousand, withSeeded, ratio }, me: { rows: 10_000, firstViewMs, steady, htmlBytes }, purgeIdleMs,
    targets: [
      { name: '/me (tracker page, integrity check, HTML) after 10,000 tracker rows, p50', target: '< 100 ms', measured: `${steady.p50} ms (first view, which signs the checkpoint: ${firstViewMs} ms)`, met: steady.p50 < 100 },
      { name: `status-list allocation with ${size.consents + 1_000} shares ÷ with 1,000, p50`, target: '0.8 – 1.2', measured: `${ratio} (${withSeeded.p50} ÷ ${withThousand.p50} ms)`, met: ratio >= 0.8 && ratio <= 1.2 },
    ],
  };
}

/** benchScale in this process, on the bench schema, with the workspace's configuration and keys. */
export async function benchScaleInWorkspace(configFile: string, quick: boolean, log: (line: string) => void): Promise<ScaleBench> {
  const { loadConfig } = await import('../../src/config/load.js');
  const { buildContext } = await import('../../src/runtime.js');
  const { createLogger } = await import('../../src/web/logger.js');
  const ctx = await buildContext(loadConfig(configFile, { ...process.env, DATABASE_URL: '' }), { logger: createLogger({ level: 'silent' }) });
  try {
    return await benchScale(ctx, quick, log);
  } finally {
    for (const hook of ctx.onClose) await hook();
    await ctx.db.close();
  }
}

type SharePhaseResult = { perSecond?: number; serverCpuMsPerFlow?: number; steps: Record<string, LatencySummary> };
const shareStep = 'evidenceShare';

/**
 * Sharing a document on the seeded database against sharing it before the seed: the share
 * step's p50 as the driver sees it (the request that allocates the status entry and records the
 * consent), and the server's CPU per whole flow beside it.
 */
export function shareCostTarget(before: SharePhaseResult, after: SharePhaseResult, consents: number): Target {
  const a = before.steps[shareStep]?.p50;
  const b = after.steps[shareStep]?.p50;
  if (a === undefined || b === undefined || a === 0) return { name: `sharing a document with ${consents} existing consents ÷ with few`, target: '0.8 – 1.2', measured: 'not measured', met: null };
  const ratio = Math.round((b / a) * 1000) / 1000;
  return {
    name: `sharing a document (POST /evidence/flow/:id/share p50) with ${consents} existing consents ÷ with few`, target: '0.8 – 1.2',
    measured: `${ratio} (${b} ÷ ${a} ms; server CPU per flow ${after.serverCpuMsPerFlow ?? '–'} vs ${before.serverCpuMsPerFlow ?? '–'} ms)`, met: ratio >= 0.8 && ratio <= 1.2,
  };
}
