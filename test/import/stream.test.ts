// Reading a 100,000-row file streams: every row comes out, and the heap never grows anywhere
// near the size of the file. Parser level only; speed is measured by the benchmarks.
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { once } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';

import { afterAll, describe, expect, it } from 'vitest';

import { openImportFile } from '../../src/app/import/read-file.js';
import { temporaryFolder } from './helpers.js';

const ROWS = 100_000;
// A garbage collection before each heap sample, so the samples count live objects only.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const files = temporaryFolder();
afterAll(() => files.remove());

/** Writes an o2o file of ROWS rows, each about 200 bytes, with a quoted note spanning two lines. */
async function writeLargeFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('account,name,title,department,email,external_ref,manager_ref,member,strength,last_contact,note\n');
  for (let row = 1; row <= ROWS; row++) {
    const account = `Generated Account ${Math.ceil(row / 100)}`;
    const line = `${account},Person ${row},Senior Analyst,Operations,person${row}@generated.example,REF-${row},REF-${Math.max(1, row - 1)},seller@northwind.example,${(row % 5) + 1},2026-01-01,"Met at the forum;\nfollow up in spring"\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

describe('reading a large file', () => {
  it('streams 100,000 rows', async () => {
    const file = `${files.folder}/large.csv`;
    await writeLargeFile(file);
    const { size } = await stat(file);

    const opened = await openImportFile(file);
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let peakGrowth = 0;
    let records = 0;
    let lastLine = 0;
    for await (const item of opened.items) {
      if ('reasonKey' in item) continue;
      records += 1;
      lastLine = item.line;
      if (records % 10_000 !== 0) continue;
      collectGarbage();
      peakGrowth = Math.max(peakGrowth, process.memoryUsage().heapUsed - baseline);
    }

    expect(size).toBeGreaterThan(15_000_000);
    expect(records).toBe(ROWS);
    // Each row takes two physical lines, after the header.
    expect(lastLine).toBe(2 * ROWS);
    // Keeping the rows would take several times the file size, while a stream keeps a few chunks.
    expect(peakGrowth).toBeLessThan(size / 10);
  });
});
