// `o2o demo` (also `npm run demo`): loads the example datasets, one progress line per dataset,
// then shows which members know which contacts at Acme Energy.
import type { Command } from 'commander';

import { DEMO_ACCOUNT, loadDemo } from '../../app/demo.js';
import { describeDemoDataset } from '../../app/demo/present.js';
import { presentWhoKnowsWhom, quoteArgument } from '../../app/present/queries.js';
import { whoKnowsWhomAt } from '../../app/queries.js';
import type { Translate } from '../../i18n/index.js';
import { runCli, type GlobalOptions } from '../context.js';
import { renderReply } from '../render.js';

/** Registers `o2o demo`. */
export function registerDemoCommand(program: Command, t: Translate): void {
  program
    .command('demo')
    .description(t('demo.command.description'))
    .action((_options: unknown, command: Command) =>
      runCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        // With --json, standard output carries only the JSON document, so progress goes to standard error.
        const progress = (text: string) => (cli.json ? process.stderr.write(`${text}\n`) : cli.print(text));
        const datasets = await loadDemo(cli.app, { onDataset: (report) => describeDemoDataset(report, cli.t).forEach(progress) });

        const result = await whoKnowsWhomAt(cli.app, DEMO_ACCOUNT);
        if (cli.json) {
          cli.print(JSON.stringify({ datasets, whoKnowsWhom: result }, null, 2));
          return;
        }
        cli.print(`\n${cli.t('demo.loaded', { account: DEMO_ACCOUNT })}\n`);
        const pageCommand = (offset: number, limit: number) => `o2o who ${quoteArgument(DEMO_ACCOUNT)} --offset ${offset} --limit ${limit}`;
        cli.print(renderReply(presentWhoKnowsWhom(result, cli.t, cli.app.locale, { pageCommand }), cli.t));
      }),
    );
}
