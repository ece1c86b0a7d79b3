// CSV rows from a stream of text, each with the physical line where it starts. The delimiter
// (comma, semicolon as French Excel writes, or tab) is found from the first lines.
import { Readable } from 'node:stream';

import { CsvError, parse } from 'csv-parse';

import { AppError } from '../errors.js';

export type Delimiter = ',' | ';' | '\t';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export interface CsvRow {
  /** Physical line of the file where the row starts, counting from 1. */
  line: number;
  cells: string[];
}

export interface CsvReadOptions {
  /** Delimiter to use instead of detecting it. */
  delimiter?: Delimiter;
  /** Whether a row is a header the caller recognises: the delimiter that yields one wins. */
  isHeader?: (cells: string[]) => boolean;
}

// How much text the delimiter detection looks at: enough for a LinkedIn preamble and a header.
const SNIFF_CHARS = 64 * 1024;
const SNIFF_LINES = 30;
// Guards against a wrong delimiter or an unclosed quote swallowing the rest of the file.
const MAX_RECORD_CHARS = 1_000_000;

/**
 * Reads CSV rows from a text stream, streaming: only the first 64 KB are held for delimiter
 * detection. Quoted fields may contain delimiters, doubled quotes and line breaks. Blank rows are
 * skipped but counted in line numbers. Throws an AppError naming the line on a CSV syntax error.
 */
export async function* readCsvRows(text: AsyncIterable<string | Buffer>, options: CsvReadOptions = {}): AsyncGenerator<CsvRow> {
  const iterator = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize < SNIFF_CHARS) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = String(next.value);
    head.push(chunk);
    headSize += chunk.length;
  }

  const delimiter = options.delimiter ?? detectDelimiter(head.join(''), options.isHeader);
  const source = Readable.from(concatenate(head, ended ? undefined : iterator));
  // A record the parser cannot read stops the import, but only once the records before it have
  // been handed out: a thrown parse error would discard the parser's buffered records.
  let failure: { error: CsvError; recordsBefore: number } | undefined;
  const parser = source.pipe(
    parse({
      delimiter,
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      relax_quotes: true,
      max_record_size: MAX_RECORD_CHARS,
      skip_records_with_error: true,
      on_skip: (error) => {
        failure ??= { error: error!, recordsBefore: parser.info.records };
        return undefined;
      },
    }),
  );
  source.on('error', (error) => parser.destroy(error));

  // csv-parse counts a CRLF inside a quoted field as two lines, so lines are counted here:
  // one per record, plus the line breaks kept inside its quoted values.
  let line = 1;
  let records = 0;
  const stopAtFailure = () => {
    // `line` is where the unreadable record starts, for instance at a quote that is never closed.
    if (failure && records >= failure.recordsBefore) throw new AppError('invalid_input', 'import.errors.csvSyntax', { line }, { cause: failure.error });
  };
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      stopAtFailure();
      records += 1;
      const start = line;
      line += 1 + countLineBreaks(cells);
      if (cells.every((cell) => cell.trim() === '')) continue;
      yield { line: start, cells };
    }
    stopAtFailure();
  } finally {
    source.destroy();
  }
}

async function* concatenate(head: string[], rest: AsyncIterator<string | Buffer> | undefined): AsyncGenerator<string> {
  yield* head;
  if (!rest) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield String(next.value);
}

function countLineBreaks(cells: string[]): number {
  let count = 0;
  for (const cell of cells) {
    if (!cell.includes('\n') && !cell.includes('\r')) continue;
    count += cell.match(/\r\n|\r|\n/g)!.length;
  }
  return count;
}

/**
 * Picks the delimiter that turns one of the first lines into a recognised header. Without such a
 * line, picks the delimiter found most often outside quotes in the first non-blank line, else a comma.
 */
export function detectDelimiter(head: string, isHeader?: (cells: string[]) => boolean): Delimiter {
  const lines = head.split(/\r\n|\n|\r/).slice(0, SNIFF_LINES);
  if (isHeader) {
    for (const line of lines) {
      const found = DELIMITERS.find((delimiter) => isHeader(splitLine(line, delimiter)));
      if (found) return found;
    }
  }
  const first = lines.find((line) => line.trim() !== '') ?? '';
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = splitLine(first, delimiter).length - 1;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** Splits one line on a delimiter outside double quotes; quotes are dropped. */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  const cells: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) {
      cells.push(current);
      current = '';
    } else current += char;
  }
  cells.push(current);
  return cells;
}
