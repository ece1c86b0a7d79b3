// Every benchmark of `npm run bench`, in the order they run. A new benchmark is one file in this
// folder plus one line here; the import benchmark runs last because it adds rows to the tenant.
import { coverageBenchmark } from '../coverage.js';
import { powerMapBenchmark } from '../power-map.js';
import { slackWhoBenchmark } from '../slack-who.js';
import { importBenchmark } from './import.js';
import { reachBenchmark } from './reach.js';
import type { Benchmark } from './types.js';
import { whoKnowsWhomBenchmark } from './who-knows-whom.js';

export const BENCHMARKS = [
  whoKnowsWhomBenchmark,
  reachBenchmark,
  slackWhoBenchmark,
  coverageBenchmark,
  powerMapBenchmark,
  importBenchmark,
] as const satisfies readonly Benchmark[];
export const BENCHMARK_NAMES = BENCHMARKS.map((benchmark) => benchmark.name);
export type BenchmarkName = string;
