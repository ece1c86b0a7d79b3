// What every benchmark receives and returns.
import type { AppContext } from '../../../src/app/context.js';
import type { Store } from '../../../src/store/database.js';
import type { BenchTenant } from '../generate-tenant.js';
import type { Driver } from '../options.js';

export interface BenchContext {
  store: Store;
  driver: Driver;
  tenant: BenchTenant;
  /** Use-case context on the generated tenant, viewed by its first member. */
  app: AppContext;
  /** Timed runs per measured query. */
  runs: number;
  /** Prints a progress line. */
  report(line: string): void;
}

export interface Metric {
  label: string;
  value: number;
  unit: 'ms' | 'rows/s' | 'rows' | 's';
  /** The goal on Postgres: at most `max`, or at least `min`. */
  target?: { max?: number; min?: number };
}

export interface BenchResult {
  metrics: Metric[];
  /** Why the benchmark measured nothing, when it could not run. */
  skipped?: string;
  notes?: string[];
}

export interface Benchmark {
  name: string;
  title: string;
  run(bench: BenchContext): Promise<BenchResult>;
}
