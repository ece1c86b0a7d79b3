// Coverage benchmarks: the score and gaps of every open deal of the synthetic tenant at once
// (goal: 1,000 open deals in at most 10 s on Postgres), and one deal's full coverage report,
// recommendations included, at the 2,000-contact account.
import { sql } from 'drizzle-orm';

import { assessOpenDeals, dealCoverage } from '../../src/app/coverage.js';
import { queryRows } from '../../src/store/database.js';
import type { Benchmark, BenchContext } from './benchmarks/types.js';
import { seedOpenDeals } from './deals.js';
import { time } from './measure.js';

export const OPEN_DEALS = 1_000;

/** Seeds the bench deals once per tenant (the power-map benchmark may have done it already). */
export async function ensureBenchDeals(bench: BenchContext): Promise<string[]> {
  const existing = await queryRows<{ id: string }>(bench.store.db, sql`select id from deals where tenant_id = ${bench.tenant.tenantId} and normalized_name like 'bench deal %' order by name`);
  if (existing.length > 0) return existing.map((row) => row.id);
  return seedOpenDeals(bench.store, bench.tenant.tenantId, OPEN_DEALS, bench.tenant.hotAccount.id);
}

export const coverageBenchmark: Benchmark = {
  name: 'coverage',
  title: `coverage of ${OPEN_DEALS.toLocaleString('en-GB')} open deals`,
  async run(bench) {
    const dealIds = await ensureBenchDeals(bench);
    const runs = Math.max(3, Math.min(bench.runs, 10));
    const all = await time(() => assessOpenDeals(bench.app), runs, 1);
    const summaries = await assessOpenDeals(bench.app);
    const hotDeal = dealIds[0]!;
    const one = await time(() => dealCoverage(bench.app, hotDeal), bench.runs);
    const report = await dealCoverage(bench.app, hotDeal);
    const meanScore = summaries.reduce((sum, summary) => sum + summary.score, 0) / Math.max(1, summaries.length);
    return {
      metrics: [
        { label: 'all open deals p50', value: all.p50, unit: 'ms' },
        { label: 'all open deals max', value: all.max, unit: 'ms', target: { max: 10_000 } },
        { label: 'one deal at the 2,000-contact account p95', value: one.p95, unit: 'ms' },
      ],
      notes: [
        `${summaries.length} open deals scored per run, mean score ${meanScore.toFixed(1)}`,
        `the 2,000-contact deal: score ${report.assessment.score.value}, ${report.assessment.gaps.length} gaps, ${report.recommendations.length} recommendations`,
      ],
    };
  },
};
