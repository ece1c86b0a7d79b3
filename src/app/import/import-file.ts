// `o2o import FILE` as a use case: reads a CSV file of a known format and imports its records.
import type { AppContext } from '../context.js';
import type { Delimiter } from './csv-rows.js';
import type { TextEncoding } from './decode.js';
import { importRecords } from './import-records.js';
import { openImportFile } from './read-file.js';
import type { ImportFormat, ImportOptions, ImportSummary } from './types.js';

export interface ImportFileProgress {
  rows: number;
  /** Bytes read from the file so far, and its size. */
  bytes: number;
  totalBytes: number;
}

export interface ImportFileOptions extends ImportOptions {
  /** Format to use instead of detecting it from the header row. */
  format?: ImportFormat;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  /** Called after each written batch. */
  onProgress?: (progress: ImportFileProgress) => void;
}

/**
 * Imports a contacts file. With an actor in the context, a LinkedIn export becomes the actor's
 * relationships. Without one, its connections are imported as contacts only, with a notice in the
 * summary. Throws a translated AppError when the file cannot be read or its format is not recognised.
 */
export async function importFile(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'logger' | 'now'>, path: string, options: ImportFileOptions = {}): Promise<ImportSummary> {
  let bytes = 0;
  const file = await openImportFile(path, {
    ...(options.format && { format: options.format }),
    ...(options.encoding && { encoding: options.encoding }),
    ...(options.delimiter && { delimiter: options.delimiter }),
    ...(ctx.actor && { actorMemberId: ctx.actor.memberId }),
    onBytes: (chunk) => {
      bytes += chunk;
    },
  });
  ctx.logger.info({ format: file.format, encoding: file.encoding, bytes: file.size }, 'import started');

  const summary = await importRecords(ctx, file.items, {
    ...options,
    format: file.format,
    notices: file.notices,
    onRows: (rows) => {
      options.onRows?.(rows);
      options.onProgress?.({ rows, bytes: Math.min(bytes, file.size), totalBytes: file.size });
    },
  });
  ctx.logger.info({ format: summary.format, rows: summary.rows, rejected: summary.rejected }, 'import finished');
  return summary;
}
