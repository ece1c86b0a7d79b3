// The relationship charter and personal data from a terminal: `o2o charter …`, `o2o my
// relationships`, `o2o visibility`, `o2o introduction …`, `o2o audit`, `o2o contact export|erase`,
// `o2o member leave` and `o2o retention run`. Where the chat grammar has the same command, the
// CLI builds the same CharterCommand.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { Command } from 'commander';

import { MAX_AUDIT_LIMIT } from '../../app/charter/audit-log.js';
import { recordMemberDeparture } from '../../app/charter/departure.js';
import { eraseContact } from '../../app/charter/erase.js';
import { exportContact, resolveContactForAdmin } from '../../app/charter/export.js';
import { presentContactExport } from '../../app/charter/export-text.js';
import { parseSetting, runCharterCommand, visibilityOf, type CharterCommand } from '../../app/commands/charter.js';
import { AppError } from '../../app/errors.js';
import type { Translate } from '../../i18n/index.js';
import { applyRetention } from '../../jobs/retention.js';
import { runCli, type CliContext, type GlobalOptions } from '../context.js';
import { renderReply } from '../render.js';

type Options = Record<string, string | boolean | undefined>;

/** Registers the charter and personal-data commands. */
export function registerCharterCommands(program: Command, t: Translate): void {
  const c = (key: string) => t(`charter.cli.${key}`);
  const o = (key: string) => t(`charter.cli.options.${key}`);

  const charter = program.command('charter').description(c('charter'));
  charter.action((_options: Options, command: Command) => runLine(command, { verb: 'charter', action: 'show', line: 'charter' }));
  for (const [name, action, key] of [['accept', 'accept', 'accept'], ['opt-out', 'opt-out', 'optOut'], ['opt-in', 'opt-in', 'optIn'], ['settings', 'settings', 'settings']] as const) {
    charter.command(name).description(c(key)).action((_options: Options, command: Command) => runLine(command, { verb: 'charter', action, line: `charter ${name}` }));
  }
  charter
    .command('set <setting> <value>')
    .description(c('set'))
    .action((setting: string, value: string, _options: Options, command: Command) =>
      runCli(globals(command), async (cli) => {
        const patch = parseSetting(setting, value);
        if ('failure' in patch) throw new AppError('invalid_input', patch.failure.messageKey, patch.failure.params);
        print(cli, await runCharterCommand(envOf(cli), { verb: 'charter', action: 'set', patch, line: `charter set ${setting} ${value}` }));
      }),
    );

  program
    .command('my')
    .description(c('my'))
    .command('relationships')
    .description(c('mine'))
    .argument('[page...]', o('pageWords'))
    .option('--page <n>', o('page'))
    .action((words: string[], options: Options, command: Command) =>
      runCli(globals(command), async (cli) => {
        const page = pageOf(pageWordsOf(words) ?? options.page);
        print(cli, await runCharterCommand(envOf(cli), { verb: 'my-relationships', page, line: 'my relationships' }));
      }),
    );

  program
    .command('visibility <person> <visibility>')
    .description(c('visibility'))
    .option('--account <account>', o('account'))
    .action((person: string, value: string, options: Options, command: Command) =>
      runCli(globals(command), async (cli) => {
        const visibility = visibilityOf(value);
        if (!visibility) throw new AppError('invalid_input', 'charter.cli.invalidVisibility', { value });
        const account = typeof options.account === 'string' ? options.account : undefined;
        print(cli, await runCharterCommand(envOf(cli), { verb: 'visibility', person, visibility, ...(account && { account }), line: '' }));
      }),
    );

  registerIntroductionCommands(program, t);
  registerPersonalDataCommands(program, t);

  program
    .command('audit')
    .description(c('audit'))
    .option('--actor <member>', o('actor'))
    .option('--action <action>', o('action'))
    .option('--target <name>', o('target'))
    .option('--since <date>', o('since'))
    .option('--limit <n>', o('limit'))
    .action((options: Options, command: Command) => {
      const filter = Object.fromEntries(['actor', 'action', 'target', 'since', 'limit'].flatMap((key) => (typeof options[key] === 'string' ? [[key, options[key]]] : [])));
      return runCli(globals(command), async (cli) => {
        if (typeof filter.limit === 'string') checkAuditLimit(filter.limit);
        print(cli, await runCharterCommand(envOf(cli), { verb: 'audit', filter, line: 'audit' }));
      });
    });
}

function registerIntroductionCommands(program: Command, t: Translate): void {
  const c = (key: string) => t(`charter.cli.${key}`);
  program.command('introductions').description(c('introductions')).action((_options: Options, command: Command) => runLine(command, { verb: 'introductions', line: 'introductions' }));
  const introduction = program.command('introduction').description(c('introduction'));
  introduction
    .command('request <person...>')
    .description(c('introduction'))
    .option('--account <account>', t('charter.cli.options.account'))
    .action((words: string[], options: Options, command: Command) => {
      const account = typeof options.account === 'string' ? options.account : undefined;
      return runLine(command, { verb: 'introduction', action: 'request', person: words.join(' '), ...(account && { account }), line: '' });
    });
  for (const action of ['accept', 'decline'] as const) {
    introduction.command(`${action} <id>`).description(c('introduction')).action((id: string, _options: Options, command: Command) => runLine(command, { verb: 'introduction', action, requestId: id, line: '' }));
  }
}

function registerPersonalDataCommands(program: Command, t: Translate): void {
  const c = (key: string) => t(`charter.cli.${key}`);
  const o = (key: string) => t(`charter.cli.options.${key}`);
  const contact = program.command('contact').description(c('contact'));
  contact
    .command('export <person...>')
    .description(c('export'))
    .option('--account <account>', o('account'))
    .option('--out <file>', o('out'))
    .option('--format <format>', o('format'))
    .action((words: string[], options: Options, command: Command) => runCli(globals(command), (cli) => exportPerson(cli, words.join(' '), options)));
  contact
    .command('erase <person...>')
    .description(c('erase'))
    .option('--account <account>', o('account'))
    .option('--yes', o('yes'))
    .action((words: string[], options: Options, command: Command) => runCli(globals(command), (cli) => erasePerson(cli, words.join(' '), options)));

  program
    .command('member')
    .description(c('member'))
    .command('leave <member...>')
    .description(c('leave'))
    .option('--transfer-to <member>', o('transferTo'))
    .option('--delete', o('delete'))
    .action((words: string[], options: Options, command: Command) =>
      runCli(globals(command), async (cli) => {
        const heir = typeof options.transferTo === 'string' ? options.transferTo : undefined;
        if (Boolean(heir) === Boolean(options.delete)) throw new AppError('invalid_input', 'charter.leave.choose');
        const report = await recordMemberDeparture(cli.app, words.join(' '), heir ? { transferTo: heir } : { delete: true });
        if (cli.json) return cli.print(JSON.stringify(report, null, 2));
        const params = { member: report.member.name, heir: report.transferredTo?.name ?? '', moved: report.moved, merged: report.merged, deleted: report.deleted };
        cli.print(cli.t(report.transferredTo ? 'charter.leave.transferred' : 'charter.leave.deleted', params));
      }),
    );

  program
    .command('retention')
    .description(c('retention'))
    .command('run')
    .description(c('retentionRun'))
    .action((_options: Options, command: Command) =>
      runCli(globals(command), async (cli) => {
        const report = await applyRetention(cli.app);
        if (cli.json) return cli.print(JSON.stringify(report, null, 2));
        const params = { months: report.retentionMonths, cutoff: report.cutoff, interactions: report.interactionsDeleted, notes: report.relationshipNotesCleared, history: report.historyNotesCleared, outreach: report.outreachNotesCleared };
        cli.print(cli.t('charter.retention.done', params));
      }),
    );
}

/** Writes everything held about a person: readable text, or JSON with --json, --format json or an --out file ending in .json. */
async function exportPerson(cli: CliContext, person: string, options: Options): Promise<void> {
  const format = typeof options.format === 'string' ? options.format.toLowerCase() : undefined;
  if (format !== undefined && format !== 'text' && format !== 'json') throw new AppError('invalid_input', 'charter.cli.invalidFormat', { value: options.format });
  const out = typeof options.out === 'string' ? options.out : undefined;
  const asJson = format === 'json' || (format === undefined && (cli.json || out?.toLowerCase().endsWith('.json') === true));

  const data = await exportContact(cli.app, person, typeof options.account === 'string' ? { account: options.account } : {});
  const text = asJson ? JSON.stringify(data, null, 2) : renderReply(presentContactExport(data, cli.t, cli.app.locale), cli.t);
  if (!out) return cli.print(text);
  await writeFile(out, `${text}\n`, 'utf8');
  cli.print(cli.t('charter.export.written', { contact: data.person.name ?? data.person.title ?? '?', file: path.resolve(out) }));
}

/** Erases a person when --yes is given; without it, rejects with the confirmation message and changes nothing. */
async function erasePerson(cli: CliContext, person: string, options: Options): Promise<void> {
  const account = typeof options.account === 'string' ? { account: options.account } : {};
  if (!options.yes) {
    const contact = await resolveContactForAdmin(cli.app, person, account.account);
    throw new AppError('invalid_input', 'charter.erase.confirm', { contact: contact.label });
  }
  const report = await eraseContact(cli.app, person, account);
  if (cli.json) return cli.print(JSON.stringify(report, null, 2));
  cli.print(cli.t('charter.erase.done', { ...report, contact: report.label }));
}

function runLine(command: Command, line: CharterCommand): Promise<void> {
  return runCli(globals(command), async (cli) => print(cli, await runCharterCommand(envOf(cli), line)));
}

function envOf(cli: CliContext) {
  return { ctx: cli.app, t: cli.t };
}

function print(cli: CliContext, reply: Awaited<ReturnType<typeof runCharterCommand>>): void {
  cli.print(cli.json ? JSON.stringify(reply, null, 2) : renderReply(reply, cli.t));
}

function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Rejects an audit --limit that is not a whole number from 1 to MAX_AUDIT_LIMIT, the range readAuditLog accepts. */
function checkAuditLimit(value: string): void {
  if (!/^\s*-?\d+\s*$/.test(value)) throw new AppError('invalid_input', 'query.cli.options.notNumber', { value });
  const limit = Number(value);
  if (limit < 1 || limit > MAX_AUDIT_LIMIT) throw new AppError('invalid_input', 'query.cli.options.outOfRange', { option: '--limit', value: limit, min: 1, max: MAX_AUDIT_LIMIT });
}

/** Reads `page N`, the form that replies give for the next page. Returns undefined without words. */
function pageWordsOf(words: string[]): string | undefined {
  if (words.length === 0) return undefined;
  if (words.length === 2 && words[0]!.toLowerCase() === 'page') return words[1];
  throw new AppError('invalid_input', 'charter.cli.invalidPage', { value: words.join(' ') });
}

function pageOf(value: string | boolean | undefined): number {
  if (value === undefined) return 1;
  const page = Number(value);
  if (!Number.isInteger(page) || page < 1) throw new AppError('invalid_input', 'charter.cli.invalidPage', { value });
  return page;
}
