// `npm run bench`: generates a synthetic tenant on each store asked for, runs the benchmarks on
// it and prints p50/p95 times and throughputs. Never part of the test suite.
import { writeFile } from 'node:fs/promises';

import { sql } from 'drizzle-orm';

import { createLogger } from '../../src/config/logger.js';
import { queryRows } from '../../src/store/database.js';
import { BENCHMARKS } from './benchmarks/index.js';
import type { BenchContext, BenchResult } from './benchmarks/types.js';
import { generateTenant, tenantSize } from './generate-tenant.js';
import { parseOptions, USAGE, type BenchOptions, type Driver } from './options.js';
import { allTargetsMet, describeMachine, formatRun, type RunRecord } from './report.js';
import { openBenchStore } from './stores.js';

// PGlite runs Postgres in WebAssembly in one process: the full tenant takes it far longer to
// generate than a server does, so it runs at a tenth of the size unless --scale sets another.
const DEFAULT_SCALE: Record<Driver, number> = { postgres: 1, pglite: 0.1 };

const report = (line: string) => process.stdout.write(`${line}\n`);

async function runDriver(driver: Driver, options: BenchOptions): Promise<RunRecord> {
  const scale = options.scale ?? DEFAULT_SCALE[driver];
  if (driver === 'pglite' && scale < 1) report(`note: PGlite runs at scale ${scale} (${tenantSize(scale).contacts.toLocaleString('en-GB')} contacts); pass --scale 1 for the full tenant`);
  const bench = await openBenchStore(driver, options.serverUrl);
  try {
    report(`== ${driver}: generating the tenant at scale ${scale} in ${bench.location}`);
    const tenant = await generateTenant(bench.store, scale, report);
    // The first member views every query, so private relationships count as they would for a user.
    const [firstMember] = await queryRows<{ id: string; name: string }>(
      bench.store.db,
      sql`select id, name from members where tenant_id = ${tenant.tenantId} order by email limit 1`,
    );
    const context: BenchContext = {
      store: bench.store,
      driver,
      tenant,
      runs: options.runs,
      report,
      app: {
        db: bench.store.db,
        tenantId: tenant.tenantId,
        actor: firstMember ? { memberId: firstMember.id, name: firstMember.name } : null,
        locale: 'en',
        logger: createLogger('silent'),
        now: () => new Date('2026-12-01T12:00:00Z'),
      },
    };

    const results: RunRecord['results'] = [];
    for (const benchmark of BENCHMARKS.filter((candidate) => options.only.includes(candidate.name))) {
      report(`-- ${driver}: ${benchmark.title}`);
      results.push({ name: benchmark.name, title: benchmark.title, ...(await runSafely(() => benchmark.run(context))) });
    }
    const generationSeconds = tenant.steps.reduce((sum, step) => sum + step.seconds, 0);
    return { driver, location: bench.location, scale, counts: tenant.counts, generationSeconds, results };
  } finally {
    await bench.close();
  }
}

/** Runs one benchmark; a failure is reported as a skipped result so the other benchmarks still run. */
async function runSafely(run: () => Promise<BenchResult>): Promise<BenchResult> {
  try {
    return await run();
  } catch (error) {
    return { metrics: [], skipped: `failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    report(USAGE);
    return 0;
  }

  const machine = describeMachine();
  report(`machine: ${Object.entries(machine).map(([key, value]) => `${key} ${value}`).join('; ')}`);
  const runs: RunRecord[] = [];
  for (const driver of options.drivers) runs.push(await runDriver(driver, options));

  report('');
  for (const run of runs) report(`${formatRun(run)}\n`);
  if (options.json) await writeFile(options.json, `${JSON.stringify({ machine, command: process.argv.slice(2), runs }, null, 2)}\n`);
  return allTargetsMet(runs) ? 0 : 1;
}

process.exitCode = await main();
