// The format readers, in the order headers are tried: the most specific exports first, o2o last.
import type { ImportFormat } from '../types.js';
import { googleLegacyReader, googleReader, outlookClassicReader, outlookWebReader } from './address-books.js';
import { Columns, type FormatReader } from './columns.js';
import { hubspotReader, salesforceReader } from './crm.js';
import { linkedinReader } from './linkedin.js';
import { o2oReader } from './o2o.js';

export { Columns, type FormatContext, type FormatReader } from './columns.js';

const READERS: readonly FormatReader[] = [
  linkedinReader,
  salesforceReader,
  hubspotReader,
  outlookWebReader,
  outlookClassicReader,
  googleLegacyReader,
  googleReader,
  o2oReader,
];

/** Finds the reader of a header row: the forced format's when it matches, else the first that matches. */
export function detectFormat(header: string[], forced?: ImportFormat): FormatReader | undefined {
  const columns = new Columns(header);
  if (forced) {
    const reader = readerOf(forced);
    // Both Outlook layouts map the same columns, so a forced "outlook" accepts either.
    return reader.matches(columns) || (forced.startsWith('outlook') && readerOf(forced === 'outlook' ? 'outlook-web' : 'outlook').matches(columns)) ? reader : undefined;
  }
  return READERS.find((reader) => reader.matches(columns));
}

export function readerOf(format: ImportFormat): FormatReader {
  return READERS.find((reader) => reader.format === format)!;
}
