// Public surface of the import pipeline, for the CLI, the demo loader and the benchmarks.
export { importFile, type ImportFileOptions, type ImportFileProgress } from './import-file.js';
export { importRecords, type ImportRecordsOptions } from './import-records.js';
export { openImportFile, type OpenedFile, type ReadFileOptions } from './read-file.js';
export { readCsvRows, type CsvRow, type Delimiter } from './csv-rows.js';
export { detectEncoding, openTextStream, type TextEncoding } from './decode.js';
export * from './types.js';
