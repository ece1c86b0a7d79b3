// Shared by the import tests: fixture paths, temporary files and reading a file's records.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { openImportFile, type ReadFileOptions } from '../../src/app/import/read-file.js';
import type { ImportFormat, ImportIssue, ImportRecord } from '../../src/app/import/types.js';

export const fixturesDir = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function fixture(name: string): string {
  return path.join(fixturesDir, name);
}

/** A temporary folder removed by the returned cleanup function. */
export function temporaryFolder(): { folder: string; file(name: string, content: string | Buffer): string; remove(): void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'o2o-import-test-'));
  return {
    folder,
    file(name, content) {
      const file = path.join(folder, name);
      writeFileSync(file, content);
      return file;
    },
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}

/** Reads every item of a file: its format, then records and rejected rows in file order. */
export async function readItems(file: string, options: ReadFileOptions = {}): Promise<{ format: ImportFormat; encoding: string; notices: string[]; records: ImportRecord[]; issues: ImportIssue[] }> {
  const opened = await openImportFile(file, options);
  const records: ImportRecord[] = [];
  const issues: ImportIssue[] = [];
  for await (const item of opened.items) {
    if ('reasonKey' in item) issues.push(item);
    else records.push(item);
  }
  return { format: opened.format, encoding: opened.encoding, notices: opened.notices, records, issues };
}
