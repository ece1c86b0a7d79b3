// Opens an import file: decodes it, finds the header row after any preamble, recognises the
// format, and maps each data row to an ImportRecord, streaming.
import { stat } from 'node:fs/promises';

import { AppError } from '../errors.js';
import { readCsvRows, type CsvRow, type Delimiter } from './csv-rows.js';
import { detectEncoding, openTextStream, type TextEncoding } from './decode.js';
import { Columns, detectFormat, type FormatReader } from './formats/index.js';
import { IMPORT_FORMATS, type ImportFormat, type ImportIssue, type ImportRecord } from './types.js';

// A preamble longer than this is not a preamble: the file has no header o2o recognises.
const MAX_PREAMBLE_ROWS = 10;

export interface ReadFileOptions {
  /** Format to use instead of detecting it from the header. */
  format?: ImportFormat;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  /** The importing member: LinkedIn connections become this member's relationships. */
  actorMemberId?: string;
  /** Receives the size of each chunk read from disk. */
  onBytes?: (bytes: number) => void;
}

export interface OpenedFile {
  format: ImportFormat;
  encoding: TextEncoding;
  /** File size in bytes. */
  size: number;
  /** Data rows as records, or as the reason a row is rejected, in file order. */
  items: AsyncGenerator<ImportRecord | ImportIssue>;
  /** Message keys of remarks about the whole file. */
  notices: string[];
}

/** Opens an import file and reads up to its header; throws a translated AppError when it cannot. */
export async function openImportFile(path: string, options: ReadFileOptions = {}): Promise<OpenedFile> {
  const size = await fileSize(path);
  const encoding = options.encoding ?? (await detectEncoding(path));
  const text = openTextStream(path, encoding, options.onBytes);
  const rows = readCsvRows(text, { ...(options.delimiter && { delimiter: options.delimiter }), isHeader: (cells) => detectFormat(cells, options.format) !== undefined });

  let found: { reader: FormatReader; columns: Columns } | undefined;
  try {
    found = await findHeader(rows, options.format);
  } catch (error) {
    text.destroy();
    throw error;
  }

  const notices = found.reader.format === 'linkedin' && !options.actorMemberId ? ['import.notice.contactsOnly'] : [];
  const context = options.actorMemberId ? { actorMemberId: options.actorMemberId } : {};
  const { reader, columns } = found;
  async function* mapRows(): AsyncGenerator<ImportRecord | ImportIssue> {
    try {
      for await (const row of rows) yield reader.toRecord(columns, row, context);
    } finally {
      text.destroy();
    }
  }
  return { format: reader.format, encoding, size, items: mapRows(), notices };
}

async function fileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('invalid_input', 'import.errors.notAFile', { path });
    return info.size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', 'import.errors.fileNotFound', { path });
    if ((error as NodeJS.ErrnoException).code === 'EACCES') throw new AppError('forbidden', 'import.errors.fileUnreadable', { path });
    throw error;
  }
}

async function findHeader(rows: AsyncGenerator<CsvRow>, forced: ImportFormat | undefined): Promise<{ reader: FormatReader; columns: Columns }> {
  let firstRow: CsvRow | undefined;
  for (let seen = 0; seen < MAX_PREAMBLE_ROWS; seen++) {
    const next = await rows.next();
    if (next.done) break;
    firstRow ??= next.value;
    const reader = detectFormat(next.value.cells, forced);
    if (reader) return { reader, columns: new Columns(next.value.cells) };
  }
  await rows.return(undefined);
  if (!firstRow) throw new AppError('invalid_input', 'import.errors.emptyFile');
  const header = firstRow.cells.map((cell) => cell.trim()).filter(Boolean).slice(0, 8).join(', ');
  if (forced) throw new AppError('invalid_input', 'import.errors.formatMismatch', { format: forced, header });
  throw new AppError('invalid_input', 'import.errors.unknownFormat', { header, formats: IMPORT_FORMATS.join(', ') });
}
