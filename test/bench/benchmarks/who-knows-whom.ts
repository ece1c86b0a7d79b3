// Who knows whom at the 2,000-contact account: the first page of known contacts, as Slack,
// Teams and the CLI ask for it.
import { whoKnowsWhomAt } from '../../../src/app/queries.js';
import { time } from '../measure.js';
import type { Benchmark } from './types.js';

export const whoKnowsWhomBenchmark: Benchmark = {
  name: 'who',
  title: 'who knows whom at the 2,000-contact account',
  async run(bench) {
    const account = bench.tenant.hotAccount.name;
    const first = await whoKnowsWhomAt(bench.app, account);
    const timing = await time(() => whoKnowsWhomAt(bench.app, account), bench.runs);
    return {
      metrics: [
        { label: 'p50', value: timing.p50, unit: 'ms' },
        { label: 'p95', value: timing.p95, unit: 'ms', target: { max: 25 } },
        { label: 'max', value: timing.max, unit: 'ms' },
      ],
      notes: [`${timing.runs} runs; the account has ${first.totalContacts} contacts, ${first.totalContacts - first.unknownCount} known, ${first.contacts.length} on the first page`],
    };
  },
};
