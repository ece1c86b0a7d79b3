// `o2o deal …`, `o2o coverage …` and `o2o map …`: the deal commands of Slack and Teams, from a
// terminal. Each subcommand builds the same DealCommand the chat grammar produces.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Command } from 'commander';

import { executeDealCommand } from '../../app/deals/commands.js';
import type { DealCommand } from '../../app/deals/parse.js';
import { splitTags } from '../../app/deals/parse.js';
import { AppError } from '../../app/errors.js';
import { drawPowerMap } from '../../app/power-map/power-map.js';
import type { Translate } from '../../i18n/index.js';
import { runCli, type CliContext, type GlobalOptions } from '../context.js';
import { renderReply } from '../render.js';

type Options = Record<string, string | undefined>;

/** Registers the deal, coverage and map commands. */
export function registerDealCommands(program: Command, t: Translate): void {
  const deal = program.command('deal').description(t('deals.cli.deal'));
  const o = (name: string) => t(`deals.cli.options.${name}`);

  deal
    .command('create <account> <name>')
    .description(t('deals.cli.create'))
    .option('--stage <stage>', o('stage'))
    .option('--buying-stage <stage>', o('buyingStage'))
    .option('--close <date>', o('close'))
    .option('--amount <amount>', o('amount'))
    .option('--currency <code>', o('currency'))
    .action((account: string, name: string, options: Options, command: Command) =>
      run(command, { action: 'create', account, name, ...pick(options, ['stage', 'buyingStage', 'close', 'amount', 'currency']) }),
    );
  deal
    .command('show <deal>')
    .description(t('deals.cli.show'))
    .option('--account <account>', o('account'))
    .action((name: string, options: Options, command: Command) => run(command, { action: 'show', deal: name, ...pick(options, ['account']) }));
  deal
    .command('list')
    .description(t('deals.cli.list'))
    .option('--account <account>', o('account'))
    .option('--status <status>', o('status'))
    .action((options: Options, command: Command) => run(command, { action: 'list', ...pick(options, ['account', 'status']) }));
  deal
    .command('stage <deal> <stage>')
    .description(t('deals.cli.stage'))
    .option('--account <account>', o('account'))
    .action((name: string, stage: string, options: Options, command: Command) => run(command, { action: 'stage', deal: name, stage, ...pick(options, ['account']) }));
  deal
    .command('update <deal>')
    .description(t('deals.cli.update'))
    .option('--account <account>', o('account'))
    .option('--name <name>', o('name'))
    .option('--stage <stage>', o('stage'))
    .option('--buying-stage <stage>', o('buyingStage'))
    .option('--close <date>', o('close'))
    .option('--amount <amount>', o('amount'))
    .option('--currency <code>', o('currency'))
    .option('--status <status>', o('status'))
    .action((name: string, options: Options, command: Command) =>
      run(command, { action: 'update', deal: name, ...pick(options, ['account', 'name', 'stage', 'buyingStage', 'close', 'amount', 'currency', 'status']) }),
    );

  registerTeamCommands(deal, t);
  registerCommitteeCommands(deal, t);
  registerOutreachCommands(deal, t);

  program
    .command('coverage <target>')
    .description(t('deals.cli.coverage'))
    .option('--account <account>', o('account'))
    .option('--top <count>', o('top'))
    .action((target: string, options: Options, command: Command) => run(command, { action: 'coverage', target, ...pick(options, ['account', 'top']) }));
  program
    .command('map <target>')
    .description(t('deals.cli.map'))
    .requiredOption('--out <file>', o('out'))
    .option('--account <account>', o('account'))
    .option('--limit <count>', o('limit'))
    .action((target: string, options: Options, command: Command) => runCli(command.optsWithGlobals<GlobalOptions>(), (cli) => saveMap(cli, target, options)));
}

function registerTeamCommands(deal: Command, t: Translate): void {
  const team = deal.command('team').description(t('deals.cli.team'));
  team
    .command('add <deal> <member>')
    .description(t('deals.cli.teamAdd'))
    .option('--account <account>', t('deals.cli.options.account'))
    .option('--role <role>', t('deals.cli.options.role'))
    .action((name: string, member: string, options: Options, command: Command) => run(command, { action: 'team-add', deal: name, member, ...pick(options, ['account', 'role']) }));
  team
    .command('remove <deal> <member>')
    .description(t('deals.cli.teamRemove'))
    .option('--account <account>', t('deals.cli.options.account'))
    .action((name: string, member: string, options: Options, command: Command) => run(command, { action: 'team-remove', deal: name, member, ...pick(options, ['account']) }));
}

function registerCommitteeCommands(deal: Command, t: Translate): void {
  const o = (name: string) => t(`deals.cli.options.${name}`);
  const committee = deal.command('committee').description(t('deals.cli.committee'));
  committee
    .command('add <deal> <person>')
    .description(t('deals.cli.committeeAdd'))
    .option('--account <account>', o('account'))
    .option('--role <role>', o('role'))
    .option('--attitude <attitude>', o('attitude'))
    .option('--influence <level>', o('influence'))
    .option('--motivation <text>', o('motivation'))
    .option('--tags <tags>', o('tags'))
    .action((name: string, person: string, options: Options, command: Command) =>
      run(command, {
        action: 'committee-add',
        deal: name,
        person,
        ...pick(options, ['account', 'role', 'attitude', 'influence', 'motivation']),
        ...(options.tags !== undefined && { tags: splitTags(options.tags) }),
      }),
    );
  committee
    .command('remove <deal> <person>')
    .description(t('deals.cli.committeeRemove'))
    .option('--account <account>', o('account'))
    .action((name: string, person: string, options: Options, command: Command) => run(command, { action: 'committee-remove', deal: name, person, ...pick(options, ['account']) }));
}

function registerOutreachCommands(deal: Command, t: Translate): void {
  const o = (name: string) => t(`deals.cli.options.${name}`);
  deal
    .command('assign <deal> <person> <member>')
    .description(t('deals.cli.assign'))
    .option('--account <account>', o('account'))
    .action((name: string, person: string, member: string, options: Options, command: Command) => run(command, { action: 'assign', deal: name, person, member, ...pick(options, ['account']) }));
  deal
    .command('log <deal> <person>')
    .description(t('deals.cli.log'))
    .requiredOption('--outcome <outcome>', o('outcome'))
    .option('--account <account>', o('account'))
    .option('--note <text>', o('note'))
    .option('--strength <strength>', o('strength'))
    .action((name: string, person: string, options: Options, command: Command) =>
      run(command, { action: 'log', deal: name, person, outcome: options.outcome!, ...pick(options, ['account', 'note', 'strength']) }),
    );
}

function pick(options: Options, keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.filter((key) => options[key] !== undefined).map((key) => [key, options[key]!]));
}

async function run(command: Command, dealCommand: DealCommand): Promise<void> {
  await runCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
    const result = await executeDealCommand(cli.app, dealCommand);
    cli.print(cli.json ? JSON.stringify(result.reply, null, 2) : renderReply(result.reply, cli.t));
    if (result.reply.error) process.exitCode = 1;
  });
}

async function saveMap(cli: CliContext, target: string, options: Options): Promise<void> {
  const file = options.out!;
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.png' && extension !== '.svg') throw new AppError('invalid_input', 'deals.map.badFormat', { value: extension || file });
  const limit = options.limit === undefined ? undefined : Math.max(5, Number(options.limit) || 40);
  const map = await drawPowerMap(cli.app, target, { format: extension === '.png' ? 'png' : 'svg', ...(options.account && { account: options.account }), ...(limit && { limit }) });
  await writeFile(file, extension === '.png' ? map.png! : map.svg);
  const summary = { path: file, shown: map.model.shown, total: map.model.total };
  cli.print(cli.json ? JSON.stringify({ ...summary, caption: map.caption }, null, 2) : `${cli.t('deals.map.saved', summary)}\n${map.caption}`);
}
