// `o2o who`, `o2o who-knows`, `o2o whom`, `o2o reach` and `o2o contacts`: the read queries from a
// terminal, as tables, or as the result object with --json.
import { Command, Option } from 'commander';

import { AppError } from '../../app/errors.js';
import {
  presentContacts,
  presentMemberKnows,
  presentReach,
  presentWhoKnows,
  presentWhoKnowsWhom,
  quoteArgument,
  type PresentOptions,
} from '../../app/present/queries.js';
import { DEFAULT_PAGE_SIZE, howToReach, listContacts, MAX_PAGE_SIZE, MAX_REACH_LIMIT, whoKnows, whoKnowsWhomAt, whomDoesMemberKnow } from '../../app/queries.js';
import { MAX_HOPS } from '../../domain/reach.js';
import type { Reply } from '../../app/reply.js';
import type { Translate } from '../../i18n/index.js';
import { runCli, type CliContext, type GlobalOptions } from '../context.js';
import { renderReply } from '../render.js';

/** Maximum --offset, the highest offset the page input of the read queries accepts. */
const MAX_OFFSET = 1_000_000;

interface QueryOptions {
  account?: string;
  limit?: string;
  offset?: string;
  maxHops?: string;
}

/** Registers the read commands. */
export function registerQueryCommands(program: Command, t: Translate): void {
  const o = (key: string) => t(`query.cli.options.${key}`, { default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE });

  queryCommand(program, 'who', t)
    .description(t('query.cli.who.description'))
    .argument('<account...>', t('query.cli.who.account'))
    .addOption(new Option('--limit <n>', o('limit')))
    .addOption(new Option('--offset <n>', o('offset')))
    .action((words: string[], options: QueryOptions, command: Command) =>
      run(command, async (cli) => {
        const account = words.join(' ');
        const result = await whoKnowsWhomAt(cli.app, account, pageOf(options));
        return { result, reply: presentWhoKnowsWhom(result, cli.t, cli.app.locale, pagedAs(['who', account])) };
      }),
    );

  queryCommand(program, 'who-knows', t)
    .description(t('query.cli.whoKnows.description'))
    .argument('<person...>', t('query.cli.whoKnows.person'))
    .addOption(new Option('--account <account>', o('account')))
    .action((words: string[], options: QueryOptions, command: Command) =>
      run(command, async (cli) => {
        const result = await whoKnows(cli.app, words.join(' '), accountOf(options));
        return { result, reply: presentWhoKnows(result, cli.t, cli.app.locale) };
      }),
    );

  queryCommand(program, 'whom', t)
    .description(t('query.cli.whom.description'))
    .argument('<member...>', t('query.cli.whom.member'))
    .addOption(new Option('--account <account>', o('accountFilter')))
    .addOption(new Option('--limit <n>', o('limit')))
    .addOption(new Option('--offset <n>', o('offset')))
    .action((words: string[], options: QueryOptions, command: Command) =>
      run(command, async (cli) => {
        const member = words.join(' ');
        const result = await whomDoesMemberKnow(cli.app, member, { ...accountOf(options), ...pageOf(options) });
        const extra = options.account ? ['--account', options.account] : [];
        return { result, reply: presentMemberKnows(result, cli.t, cli.app.locale, pagedAs(['whom', member, ...extra])) };
      }),
    );

  queryCommand(program, 'reach', t)
    .description(t('query.cli.reach.description'))
    .argument('<person...>', t('query.cli.reach.person'))
    .addOption(new Option('--account <account>', o('account')))
    .addOption(new Option('--max-hops <n>', t('query.cli.reach.maxHops')))
    .addOption(new Option('--limit <n>', o('limit')))
    .action((words: string[], options: QueryOptions, command: Command) =>
      run(command, async (cli) => {
        const maxHops = countOf(options.maxHops, '--max-hops', 1, MAX_HOPS);
        const limit = countOf(options.limit, '--limit', 1, MAX_REACH_LIMIT);
        const result = await howToReach(cli.app, words.join(' '), { ...accountOf(options), ...(maxHops !== undefined && { maxHops }), ...(limit !== undefined && { limit }) });
        return { result, reply: presentReach(result, cli.t, cli.app.locale) };
      }),
    );

  queryCommand(program, 'contacts', t)
    .description(t('query.cli.contacts.description'))
    .argument('<account...>', t('query.cli.contacts.account'))
    .addOption(new Option('--limit <n>', o('limit')))
    .addOption(new Option('--offset <n>', o('offset')))
    .action((words: string[], options: QueryOptions, command: Command) =>
      run(command, async (cli) => {
        const account = words.join(' ');
        const result = await listContacts(cli.app, account, pageOf(options));
        return { result, reply: presentContacts(result, cli.t, cli.app.locale, pagedAs(['contacts', account])) };
      }),
    );
}

/** Creates a subcommand whose help headings ("Usage:", "Options:") are in the reader's language. */
function queryCommand(program: Command, name: string, t: Translate): Command {
  return program.command(name).configureHelp({ styleTitle: (title) => t(`query.cli.headings.${title.replace(/:$/, '').replace(/ /g, '')}`, { defaultValue: title }) });
}

/** Runs a query and prints its reply, or the result object with --json. */
function run(command: Command, query: (cli: CliContext) => Promise<{ result: unknown; reply: Reply }>): Promise<void> {
  return runCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
    const { result, reply } = await query(cli);
    cli.print(cli.json ? JSON.stringify(result, null, 2) : renderReply(reply, cli.t));
  });
}

/** "Show more" runs the same command with the next offset. */
function pagedAs(words: string[]): PresentOptions {
  const line = words.map((word) => (word.startsWith('--') ? word : quoteArgument(word))).join(' ');
  return { pageCommand: (offset, limit) => `o2o ${line} --offset ${offset} --limit ${limit}` };
}

function pageOf(options: QueryOptions): { offset?: number; limit?: number } {
  const offset = countOf(options.offset, '--offset', 0, MAX_OFFSET);
  const limit = countOf(options.limit, '--limit', 1, MAX_PAGE_SIZE);
  return { ...(offset !== undefined && { offset }), ...(limit !== undefined && { limit }) };
}

function accountOf(options: QueryOptions): { account?: string } {
  return options.account ? { account: options.account } : {};
}

/** Parses a whole number from an option and checks it is within the range the use case accepts. */
function countOf(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*-?\d+\s*$/.test(value)) throw new AppError('invalid_input', 'query.cli.options.notNumber', { value });
  const count = Number(value);
  if (count < min || count > max) throw new AppError('invalid_input', 'query.cli.options.outOfRange', { option, value: count, min, max });
  return count;
}
