// Import throughput: an o2o-format CSV of 20,000 rows (scaled down below scale 1, at least 2,000)
// read, checked and written into the generated tenant by the same importFile the CLI uses.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { importFile } from '../../../src/app/import/index.js';
import { writeImportCsv } from '../import-csv.js';
import { stopwatch } from '../measure.js';
import type { Benchmark } from './types.js';

const FULL_ROWS = 20_000;

export const importBenchmark: Benchmark = {
  name: 'import',
  title: 'import of an o2o-format CSV',
  async run(bench) {
    const rows = Math.max(2_000, Math.round(FULL_ROWS * Math.min(1, bench.tenant.scale * 10)));
    const folder = await mkdtemp(path.join(os.tmpdir(), 'o2o-bench-'));
    const file = path.join(folder, 'contacts.csv');
    try {
      await writeImportCsv(file, rows, bench.tenant.counts.members);
      const { ms, result } = await stopwatch(() => importFile(bench.app, file));
      const written = result.created + result.updated + result.unchanged;
      return {
        metrics: [
          { label: 'rows', value: rows, unit: 'rows' },
          { label: 'time', value: ms / 1000, unit: 's' },
          { label: 'throughput', value: rows / (ms / 1000), unit: 'rows/s', target: { min: 2_000 } },
        ],
        notes: [`${written} contacts written, ${result.rejected} rows rejected, ${result.relationships.created} relationships created`],
      };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  },
};
