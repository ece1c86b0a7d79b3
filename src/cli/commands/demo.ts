import type { Command } from 'commander';

import type { Translate } from '../../i18n/index.js';

export function registerDemoCommand(program: Command, t: Translate): void {
  void program;
  void t;
}
