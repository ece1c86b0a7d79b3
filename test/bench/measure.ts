// Timing and percentiles for the benchmarks. Times are wall-clock milliseconds.

export interface Timing {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Returns the q-th quantile (0 to 1) of sorted samples, by the nearest-rank method. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { runs: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), max: sorted.at(-1) ?? Number.NaN, mean };
}

/** Runs `task` a few times untimed, so caches and prepared statements are warm, then `runs` times timed. */
export async function time(task: (run: number) => Promise<unknown>, runs: number, warmUp = 3): Promise<Timing> {
  for (let run = 0; run < warmUp; run++) await task(run);
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task(run);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

/** Returns how long `task` took, in milliseconds, with its result. */
export async function stopwatch<T>(task: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await task();
  return { ms: performance.now() - started, result };
}
