// `o2o import FILE`: imports a CSV of contacts and relationships, with a progress bar on a
// terminal, then prints the summary (or the summary object with --json).
import path from 'node:path';

import { Presets, SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';

import { importFile, IMPORT_FORMATS, type ImportFileProgress, type ImportFormat, type ImportSummary, type Visibility } from '../../app/import/index.js';
import { describeIssue, presentImportSummary } from '../../app/import/present.js';
import type { Translate } from '../../i18n/index.js';
import { runCli, type GlobalOptions } from '../context.js';
import { renderReply } from '../render.js';

interface ImportCommandOptions {
  format?: ImportFormat;
  account?: string;
  visibility?: Visibility;
}

/** Registers `o2o import`. */
export function registerImportCommand(program: Command, t: Translate): void {
  program
    .command('import')
    .description(t('import.command.description'))
    .argument('<file>', t('import.command.file'))
    .addOption(new Option('--format <format>', t('import.command.format')).choices([...IMPORT_FORMATS]))
    .addOption(new Option('--account <name>', t('import.command.account')))
    .addOption(new Option('--visibility <visibility>', t('import.command.visibility')).choices(['private', 'deal_team', 'tenant']))
    .action((file: string, options: ImportCommandOptions, command: Command) =>
      runCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const progress = process.stderr.isTTY === true ? startProgressBar(cli.t) : undefined;
        let summary: ImportSummary;
        try {
          summary = await importFile(cli.app, file, {
            ...(options.format && { format: options.format }),
            ...(options.account && { account: options.account }),
            ...(options.visibility && { visibility: options.visibility }),
            ...(progress && { onProgress: progress.update }),
          });
        } finally {
          progress?.stop();
        }
        cli.print(cli.json ? JSON.stringify(withReasons(summary, cli.t), null, 2) : renderReply(presentImportSummary(summary, cli.t, { source: path.basename(file) }), cli.t));
      }),
    );
}

/** Starts a progress bar on standard error: share of the file read, rows handled and rows per second. */
function startProgressBar(t: Translate): { update: (progress: ImportFileProgress) => void; stop: () => void } {
  const bar = new SingleBar({ format: t('import.progress'), stream: process.stderr, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  const started = Date.now();
  let running = false;
  return {
    update: ({ rows, bytes, totalBytes }) => {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      const payload = { rows, speed: Math.round(rows / seconds) };
      if (!running) bar.start(Math.max(totalBytes, 1), bytes, payload);
      else bar.update(bytes, payload);
      running = true;
    },
    stop: () => {
      if (running) bar.stop();
    },
  };
}

/** Adds to each rejected row and warning of the summary its reason as a translated sentence. */
function withReasons(summary: ImportSummary, t: Translate): ImportSummary {
  const explain = (issue: ImportSummary['rejectedRows'][number]) => ({ ...issue, reason: describeIssue(issue, t) });
  return { ...summary, rejectedRows: summary.rejectedRows.map(explain), warnings: summary.warnings.map(explain) };
}
