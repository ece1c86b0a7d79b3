// Reach within 3 hops: introduction paths from our members to people of the 2,000-contact account
// whom no member knows directly, through reporting lines and influence links.
import { sql } from 'drizzle-orm';

import { howToReach } from '../../../src/app/queries.js';
import { queryRows } from '../../../src/store/database.js';
import { time } from '../measure.js';
import type { Benchmark } from './types.js';

const TARGETS = 20;
const MAX_HOPS = 3;

export const reachBenchmark: Benchmark = {
  name: 'reach',
  title: `reach within ${MAX_HOPS} hops at the 2,000-contact account`,
  async run(bench) {
    const { tenantId, hotAccount } = bench.tenant;
    const targets = await queryRows<{ name: string }>(
      bench.store.db,
      sql`select c.name from contacts c
          where c.tenant_id = ${tenantId} and c.account_id = ${hotAccount.id}
            and not exists (select 1 from relationships r where r.tenant_id = c.tenant_id and r.contact_id = c.id)
          order by md5(c.id::text) limit ${TARGETS}`,
    );
    if (targets.length === 0) return { metrics: [], skipped: 'every contact of the account is known directly, so there is nothing to reach' };

    const reach = (run: number) => howToReach(bench.app, targets[run % targets.length]!.name, { account: hotAccount.name, maxHops: MAX_HOPS });
    let pathsFound = 0;
    for (let index = 0; index < targets.length; index++) pathsFound += (await reach(index)).paths.length;
    const timing = await time(reach, bench.runs);
    return {
      metrics: [
        { label: 'p50', value: timing.p50, unit: 'ms' },
        { label: 'p95', value: timing.p95, unit: 'ms', target: { max: 100 } },
        { label: 'max', value: timing.max, unit: 'ms' },
      ],
      notes: [`${timing.runs} runs over ${targets.length} people nobody knows directly; ${pathsFound} paths found in all`],
    };
  },
};
