// Command-line flags of `npm run bench`.
import { parseArgs } from 'node:util';

import { BENCHMARK_NAMES, type BenchmarkName } from './benchmarks/index.js';

export type Driver = 'postgres' | 'pglite';
export const DRIVERS: readonly Driver[] = ['postgres', 'pglite'];

export interface BenchOptions {
  only: BenchmarkName[];
  drivers: Driver[];
  /** Fraction of the full synthetic tenant to generate; undefined means each driver's default. */
  scale: number | undefined;
  /** Timed runs per measured query. */
  runs: number;
  /** Server to create the scratch database on; any existing database of that server will do. */
  serverUrl: string;
  json: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [options]

  --only LIST       benchmarks to run, comma-separated: ${BENCHMARK_NAMES.join(', ')} (default: all)
  --driver LIST     stores to run on, comma-separated: postgres, pglite (default: both)
  --scale N         fraction of the full tenant (5,000 accounts, 250,000 contacts, 1,000 members,
                    1,000,000 relationships, 500,000 reporting and influence links), from 0.01 to 1
                    (default: 1 on Postgres, 0.1 on PGlite)
  --runs N          timed runs per query (default: 50)
  --json FILE       also write the results as JSON to FILE
  --help            show this help

Environment: BENCH_DATABASE_URL names the Postgres server to create the scratch database on
(default: postgres://postgres@127.0.0.1:5432/postgres); the scratch database is dropped at the end.`;

/** Parses the flags; throws an Error whose message names the invalid flag and the values it accepts. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      driver: { type: 'string' },
      scale: { type: 'string' },
      runs: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';

  return {
    only: parseList(values.only, BENCHMARK_NAMES, '--only'),
    drivers: parseList(values.driver, DRIVERS, '--driver'),
    scale: values.scale === undefined ? undefined : parseNumber(values.scale, '--scale', 0.01, 1),
    runs: values.runs === undefined ? 50 : Math.round(parseNumber(values.runs, '--runs', 1, 10_000)),
    serverUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    json: values.json,
  };
}

function parseList<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] {
  if (value === undefined) return [...allowed];
  const items = value.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (unknown.length > 0 || items.length === 0) {
    throw new Error(`${flag} accepts ${allowed.join(', ')} (comma-separated); '${value}' is not valid.`);
  }
  return items as T[];
}

function parseNumber(value: string, flag: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < min || number > max) {
    throw new Error(`${flag} must be a number from ${min} to ${max}; '${value}' is not valid.`);
  }
  return number;
}
