// Power-map benchmark: the map of the 2,000-contact account, from the store to a PNG, with the
// committee of its bench deal (goal: at most 2 s on Postgres).
import { drawPowerMapOf } from '../../src/app/power-map/power-map.js';
import type { Benchmark } from './benchmarks/types.js';
import { ensureBenchDeals } from './coverage.js';
import { time } from './measure.js';

export const powerMapBenchmark: Benchmark = {
  name: 'power-map',
  title: 'power map of the 2,000-contact account as PNG',
  async run(bench) {
    await ensureBenchDeals(bench);
    const target = { type: 'account' as const, id: bench.tenant.hotAccount.id };
    const runs = Math.max(3, Math.min(bench.runs, 20));
    const timing = await time(() => drawPowerMapOf(bench.app, target, { format: 'png' }), runs, 1);
    const map = await drawPowerMapOf(bench.app, target, { format: 'png' });
    return {
      metrics: [
        { label: 'p50', value: timing.p50, unit: 'ms' },
        { label: 'p95', value: timing.p95, unit: 'ms', target: { max: 2_000 } },
        { label: 'max', value: timing.max, unit: 'ms' },
      ],
      notes: [`${map.model.shown} of ${map.model.total} people shown, ${map.model.groups.length} collapsed branches, PNG ${(map.png!.length / 1024).toFixed(0)} KiB at ${map.width * 2} px wide`],
    };
  },
};
