import type { LatencySummary } from '../stats.js';

export interface EvidenceBench {
  rawVerify: { perSecond: number };
  verification: { via: string; perSecond: number; concurrency: number; latency: LatencySummary; ratio: number };
  shareAndDownload: { perSecond?: number; note: string };
}
