// `o2o settings [SETTING VALUES…]`: the settings command of Slack and Teams, from a terminal.
// Values typed as several arguments are joined and split at commas, as the chat grammar does.
// Each argument also counts as one word, so a stage name quoted in the shell stays whole.
import type { Command } from 'commander';

import { runSettingsCommand, settingsCommandOf, splitListArguments } from '../../app/commands/index.js';
import { AppError } from '../../app/errors.js';
import type { Translate } from '../../i18n/index.js';
import { runCli, type GlobalOptions } from '../context.js';
import { renderReply } from '../render.js';

/** Registers the settings command. */
export function registerSettingsCommand(program: Command, t: Translate): void {
  program
    .command('settings')
    .description(t('settings.cli.settings'))
    .argument('[setting]', t('settings.cli.setting'))
    .argument('[values...]', t('settings.cli.values'))
    .action((setting: string | undefined, values: string[], _options: unknown, command: Command) =>
      runCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const line = ['settings', setting, ...values].filter(Boolean).join(' ');
        const parsed = setting ? settingsCommandOf(setting, splitListArguments(values), line, values) : ({ ok: true, command: { verb: 'settings', action: 'show', line } } as const);
        if (!parsed.ok) throw new AppError('invalid_input', parsed.failure.messageKey, parsed.failure.params);
        if (parsed.command.verb !== 'settings') return;
        const reply = await runSettingsCommand({ ctx: cli.app, t: cli.t }, parsed.command);
        cli.print(cli.json ? JSON.stringify(reply, null, 2) : renderReply(reply, cli.t));
      }),
    );
}
