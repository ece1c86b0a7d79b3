import type { Command } from 'commander';

import type { Translate } from '../../i18n/index.js';

export function registerQueryCommands(program: Command, t: Translate): void {
  void program;
  void t;
}
