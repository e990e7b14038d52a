import { verify } from 'node:crypto';
import { loadConfig } from '../../src/config/load.js';
import { demoCitizens, personIdentifierOf } from '../../src/demo/citizens.js';
import { realAuthorityPort } from '../../src/evidence/feature.js';
import { checkOwnAttestation } from '../../src/evidence/verify/own-attestation.js';
import { verifyEvidence } from '../../src/evidence/verify/verify-evidence.js';
import { buildContext } from '../../src/runtime.js';
import { createLogger } from '../../src/web/logger.js';
import type { Driver } from '../driver.js';
import { VirtualUser, type LoginOutcome } from '../login/flow.js';
import { runPhase } from '../login/load.js';
import type { BenchOptions } from '../options.js';
import type { MeasuredServer } from '../server/passerelle-process.js';
import { benchEvidenceRequest, nodeCountry, type Workspace } from '../setup/workspace.js';
import { round1, summarise, type LatencySummary } from '../stats.js';

export interface EvidenceBench {
  shareAndDownload: {
    perSecond?: number; concurrency: number; flows: number; errors: number; serverCpuMsPerFlow?: number;
    steps: Record<string, LatencySummary>; firstErrors: string[]; note: string;
  };
  rawVerify: { perSecond: number; what: string };
  /** Passerelle's verifier function (what POST /api/verify runs): signature, claims, status, tracker entry. */
  verification: { via: string; perSecond: number; concurrency: number; latency: LatencySummary; ratio: number; byConcurrency: Array<{ concurrency: number; perSecond: number }> };
  /** The signature-and-claims part alone (src/evidence/verify/own-attestation.ts), no database. */
  signatureCheck: { perSecond: number; ratio: number };
}

/** The demo citizen the demo authorities hold documents for (identity matching needs the real data). */
const citizenKey = 'it-giulia-rossi';

async function repeatFor<T>(seconds: number, concurrency: number, maxCalls: number, call: () => Promise<T>): Promise<{ perSecond: number; latency: LatencySummary }> {
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  let started = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (performance.now() < until && started < maxCalls) {
      started += 1;
      const t0 = performance.now();
      await call();
      times.push(performance.now() - t0);
    }
  }));
  return { perSecond: round1(times.length / ((performance.now() - start) / 1000)), latency: summarise(times) };
}

/**
 * Share-and-download flows (login with authorization_details, the evidence step with the demo
 * authorities in their own process, token, the portal API), then verification of the
 * attestation those flows produced: raw ES256 vs. Passerelle's verifier function.
 */
/** Share-and-download flows at concurrency 4, with the attestation the last one produced. */
export async function sharePhase(options: BenchOptions, driver: Driver, server: MeasuredServer, log: (line: string) => void, label = ''): Promise<{ shareAndDownload: EvidenceBench['shareAndDownload']; last?: LoginOutcome | undefined }> {
  const demo = demoCitizens.find((c) => c.key === citizenKey)!;
  const citizen = { personIdentifier: personIdentifierOf(demo, nodeCountry), familyName: demo.familyName, givenName: demo.givenName, dateOfBirth: demo.dateOfBirth };
  const detail = { type: 'evidence', evidence_type: benchEvidenceRequest.type, procedure: benchEvidenceRequest.procedure };
  let last: LoginOutcome | undefined;
  const concurrency = 4;
  log(`evidence: share-and-download flows at concurrency ${concurrency}${label}`);
  const cpu0 = server.cpuMillis();
  const phase = await runPhase({ concurrency, maxSeconds: options.evidenceSeconds * 2, maxFlows: options.quick ? 40 : 400 }, (recorder) => {
    const user = new VirtualUser(driver.client, driver.target, driver.idp, recorder);
    return async () => { last = await user.login(citizen, [detail]); };
  }, () => 0);
  const serverCpu = server.cpuMillis() - cpu0;
  const shareAndDownload: EvidenceBench['shareAndDownload'] = {
    concurrency, flows: phase.flows, errors: phase.errors, steps: phase.steps, firstErrors: phase.firstErrors,
    ...(phase.flows > 0 ? { perSecond: phase.flowsPerSecond, serverCpuMsPerFlow: round1(serverCpu / phase.flows) } : {}),
    note: phase.flows > 0 ? `c=${concurrency}, ${phase.flows} flows, ${phase.errors} errors; login + evidence step + token + portal API` : `not measured: ${phase.firstErrors[0] ?? 'no flow completed'}`,
  };
  return { shareAndDownload, last };
}

export async function benchEvidence(options: BenchOptions, driver: Driver, workspace: Workspace, server: MeasuredServer, log: (line: string) => void): Promise<EvidenceBench> {
  const { shareAndDownload, last } = await sharePhase(options, driver, server, log);
  const phase = shareAndDownload;
  if (!last?.attestation) throw new Error(`evidence: no share-and-download flow completed, so there is no attestation to verify: ${phase.firstErrors.join(' | ')}`);
  const attestation = last.attestation;

  // Raw: the attestation's ES256 signature with node:crypto and Passerelle's published key.
  const jwt = attestation.split('~')[0]!;
  const [header, payload, signature] = jwt.split('.');
  const signingInput = Buffer.from(`${header}.${payload}`);
  const signatureBytes = Buffer.from(signature!, 'base64url');
  const kid = (JSON.parse(Buffer.from(header!, 'base64url').toString()) as { kid: string }).kid;
  const key = workspace.keystore.published('evidence-signing').find((k) => k.kid === kid)?.publicKey;
  if (!key) throw new Error('evidence: the attestation names a key the bench keystore does not have');
  log('evidence: raw ES256 verification');
  const rawVerify = await repeatFor(options.evidenceSeconds / 3, 1, 1_000_000, async () => {
    if (!verify('sha256', signingInput, { key, dsaEncoding: 'ieee-p1363' }, signatureBytes)) throw new Error('raw verify failed');
  });

  // Passerelle's verifier function, in this process, on the same database and keys as the server.
  const loaded = loadConfig(workspace.configFile, { ...process.env, DATABASE_URL: '' });
  const ctx = await buildContext(loaded, { logger: createLogger({ level: 'silent' }) });
  try {
    log('evidence: Passerelle verifier (signature, claims, status, tracker)');
    const byConcurrency: Array<{ concurrency: number; perSecond: number; latency: LatencySummary }> = [];
    // Group commit and batched status reads pay off with many officials at once: c=64 is a verification service under load.
    for (const c of [1, 8, 64]) {
      const measured = await repeatFor(options.evidenceSeconds / 3, c, options.quick ? 2_000 : 20_000, async () => {
        const report = await verifyEvidence(ctx, realAuthorityPort, { attestation });
        if (!report.valid) throw new Error(`verification says ${report.status}`);
      });
      byConcurrency.push({ concurrency: c, ...measured });
    }
    const best = byConcurrency.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const signatureOnly = await repeatFor(options.evidenceSeconds / 3, 1, 1_000_000, async () => {
      if ((await checkOwnAttestation(ctx, attestation)).signature !== 'passed') throw new Error('signature check failed');
    });
    return {
      shareAndDownload,
      rawVerify: { perSecond: rawVerify.perSecond, what: 'ES256 (P-256) verify of the attestation JWT, node:crypto' },
      verification: {
        via: 'verifyEvidence() in-process (POST /api/verify is rate-limited to 120/min per instance)',
        perSecond: best.perSecond, concurrency: best.concurrency, latency: best.latency,
        ratio: Math.round((best.perSecond / rawVerify.perSecond) * 1000) / 1000,
        byConcurrency: byConcurrency.map(({ concurrency: c, perSecond }) => ({ concurrency: c, perSecond })),
      },
      signatureCheck: { perSecond: signatureOnly.perSecond, ratio: Math.round((signatureOnly.perSecond / rawVerify.perSecond) * 1000) / 1000 },
    };
  } finally {
    for (const hook of ctx.onClose) await hook();
    await ctx.db.close();
  }
}
