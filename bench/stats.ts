/** Latency samples per label (milliseconds), summarised as p50/p95/p99 with nearest-rank percentiles. */
export interface LatencySummary { count: number; p50: number; p95: number; p99: number; max: number; mean: number }

export class LatencyRecorder {
  private readonly samples = new Map<string, number[]>();

  record(label: string, ms: number): void {
    let list = this.samples.get(label);
    if (!list) this.samples.set(label, (list = []));
    list.push(ms);
  }

  summary(): Record<string, LatencySummary> {
    return Object.fromEntries([...this.samples].map(([label, list]) => [label, summarise(list)]));
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarise(list: readonly number[]): LatencySummary {
  const sorted = [...list].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN), mean: round(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

export const round1 = (v: number) => Math.round(v * 10) / 10;
