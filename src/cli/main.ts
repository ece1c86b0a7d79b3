// The `o2o` command line: the same use cases as Slack and Teams, from a terminal.
import { Command, Option } from 'commander';

import { LOCALES } from '../config/env.js';
import { translator } from '../i18n/index.js';
import { registerCharterCommands } from './commands/charter.js';
import { registerDealCommands } from './commands/deals.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerImportCommand } from './commands/import.js';
import { registerQueryCommands } from './commands/query.js';
import { registerSettingsCommand } from './commands/settings.js';
import { translateCommander } from './commander-text.js';
import { cliLocale } from './context.js';

// Help text is shown in the language asked for on the command line, or the shell's.
const langIndex = process.argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
const langArg = langIndex < 0 ? undefined : process.argv[langIndex]!.includes('=') ? process.argv[langIndex]!.split('=')[1] : process.argv[langIndex + 1];
const t = translator(cliLocale((LOCALES as readonly string[]).includes(langArg ?? '') ? langArg : undefined, 'en'));

const program = new Command('o2o')
  .description(t('cli.description'))
  .addOption(new Option('--as <member>', t('cli.options.as')))
  .addOption(new Option('--lang <lang>', t('cli.options.lang')).choices([...LOCALES]))
  .addOption(new Option('--json', t('cli.options.json')))
  .helpOption('-h, --help', t('cli.options.help'))
  .helpCommand('help [command]', t('cli.helpCommand'))
  .showHelpAfterError(t('cli.helpHint'));
translateCommander(program, t);

registerQueryCommands(program, t);
registerImportCommand(program, t);
registerDemoCommand(program, t);
registerDealCommands(program, t);
registerCharterCommands(program, t);
registerSettingsCommand(program, t);

await program.parseAsync(process.argv);
