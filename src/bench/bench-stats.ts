/** Small helpers for benchmark figures: percentiles over recorded latencies and memory peaks. */

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function formatMicros(ns: number): string {
  return `${(ns / 1000).toFixed(2)} µs`;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** Samples the resident set and heap while a benchmark runs, keeping the peaks. */
export class MemoryPeak {
  rss = 0;
  heapUsed = 0;

  sample(): void {
    const usage = process.memoryUsage();
    if (usage.rss > this.rss) this.rss = usage.rss;
    if (usage.heapUsed > this.heapUsed) this.heapUsed = usage.heapUsed;
  }
}
