// Header lookup shared by the format readers: column names are compared as snake_case keys
// without accents, so "E-mail Address", "e-mail address" and "E_mail_Address" are one column.
import type { CsvRow } from '../csv-rows.js';
import type { ImportFormat, ImportIssue, ImportRecord } from '../types.js';

/** Turns a header cell into a key: "Manager's Name" → "manager_s_name", "Prénom" → "prenom". */
export function columnKey(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

export class Columns {
  private readonly positions = new Map<string, number>();

  constructor(readonly header: string[]) {
    header.forEach((cell, position) => {
      const key = columnKey(cell);
      if (key && !this.positions.has(key)) this.positions.set(key, position);
    });
  }

  has(key: string): boolean {
    return this.positions.has(key);
  }

  /** Position of the first of these columns that the header has. */
  positionOf(keys: readonly string[]): number | undefined {
    for (const key of keys) {
      const position = this.positions.get(key);
      if (position !== undefined) return position;
    }
    return undefined;
  }

  /** Returns the header, as written in the file, of the first of these columns that the header has. */
  headerOf(keys: readonly string[]): string | undefined {
    const position = this.positionOf(keys);
    return position === undefined ? undefined : this.header[position]?.trim();
  }

  /** Returns the trimmed value of a column, or undefined when the column is missing or the cell blank. */
  value(cells: string[], key: string): string | undefined {
    const position = this.positions.get(key);
    const value = position === undefined ? undefined : cells[position]?.trim();
    return value ? value : undefined;
  }

  /** Returns the first non-blank value among these columns, in the order given. */
  first(cells: string[], keys: readonly string[], accept: (value: string) => boolean = () => true): string | undefined {
    for (const key of keys) {
      const value = this.value(cells, key);
      if (value !== undefined && accept(value)) return value;
    }
    return undefined;
  }
}

/** Joins a person's name from its parts; returns undefined when every part is blank. */
export function joinName(...parts: Array<string | undefined>): string | undefined {
  const name = parts.filter((part) => part && part.trim()).join(' ').trim();
  return name || undefined;
}

/** Checks that a value looks like an Internet e-mail address (Outlook may contain Exchange X.500 paths instead). */
export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Adds the scheme to a web address ("www.example.com" becomes "https://www.example.com"); returns undefined when it is not one. */
export function webAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const address = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  try {
    new URL(address);
    return address;
  } catch {
    return undefined;
  }
}

export interface FormatContext {
  /** The importing member: a LinkedIn export is this member's own network. */
  actorMemberId?: string;
}

export interface FormatReader {
  format: ImportFormat;
  /** Whether a header row is this format's. */
  matches(columns: Columns): boolean;
  /** Maps one data row to a record, or to the reason it is rejected. */
  toRecord(columns: Columns, row: CsvRow, context: FormatContext): ImportRecord | ImportIssue;
}
