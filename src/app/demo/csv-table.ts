// Reads one of the example datasets: a UTF-8, comma-separated file with a header row.
import { readCsvRows, type CsvRow } from '../import/csv-rows.js';
import { openTextStream } from '../import/decode.js';

export interface TableRow {
  /** Physical line of the row in its file. */
  line: number;
  /** The trimmed cell under a header, or '' when the row has no such cell. */
  get(column: string): string;
}

/** Streams the data rows of a CSV file, each readable by header name. */
export async function* readTable(path: string): AsyncGenerator<TableRow> {
  const text = openTextStream(path, 'utf-8');
  let positions: Map<string, number> | undefined;
  try {
    for await (const row of readCsvRows(text, { delimiter: ',' })) {
      if (!positions) {
        positions = new Map(row.cells.map((cell, position) => [cell.trim(), position]));
        continue;
      }
      yield tableRow(row, positions);
    }
  } finally {
    text.destroy();
  }
}

function tableRow({ line, cells }: CsvRow, positions: Map<string, number>): TableRow {
  return {
    line,
    get: (column) => {
      const position = positions.get(column);
      return position === undefined ? '' : (cells[position]?.trim() ?? '');
    },
  };
}

/** Reads a whole (small) table, for datasets that need two passes. */
export async function readAll(path: string): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  for await (const row of readTable(path)) rows.push(row);
  return rows;
}
