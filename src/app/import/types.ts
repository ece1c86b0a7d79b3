// The import pipeline's record and summary: what file parsers produce and the writer consumes.
// The demo loader builds the same records from the example datasets.

export const IMPORT_FORMATS = ['o2o', 'salesforce', 'hubspot', 'linkedin', 'outlook', 'outlook-web', 'google', 'google-legacy'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type Visibility = 'private' | 'deal_team' | 'tenant';

export interface ImportRelationship {
  /** Member in the relationship, by e-mail (preferred) or name. Ignored when memberId is set. */
  member?: string;
  memberId?: string;
  strength: number;
  kind?: string;
  lastContactOn?: string | null;
  visibility?: Visibility;
  note?: string | null;
  /**
   * Set when the file's format implies the relationship (a LinkedIn connection, a HubSpot contact
   * owner) instead of a person stating it. An existing relationship then keeps a higher strength,
   * its kind, visibility and note, and its last contact date only moves forward.
   */
  inferred?: boolean;
  /** Handling of an unknown member: reject the row (the default) or drop the relationship with a warning. */
  onUnknownMember?: 'reject' | 'warn';
}

/** Informal influence of this contact over another contact of the same account. */
export interface ImportInfluence {
  /** externalRef of the contact this one influences. */
  toRef: string;
  /** From 0 (barely) to 1 (decisive). */
  weight: number;
  kind?: string;
  note?: string | null;
}

export interface ImportRecord {
  /** Line of the source file where the record starts (1-based, preamble and header included), for reports. */
  line: number;
  /** Account name; a record without one is rejected unless the import gives a default account. */
  account?: string | null;
  /** Header of the file's account column, named in the rejection of a row without an account. */
  accountColumn?: string;
  name?: string | null;
  title?: string | null;
  department?: string | null;
  unit?: string | null;
  email?: string | null;
  phone?: string | null;
  profileUrl?: string | null;
  seniority?: string | null;
  status?: 'active' | 'left';
  leftOn?: string | null;
  /** The record's id in its source (CRM id, organogram post reference). */
  externalRef?: string | null;
  /** externalRef of this contact's manager in the same account: becomes a reporting line. */
  managerRef?: string | null;
  relationships?: ImportRelationship[];
  influences?: ImportInfluence[];
  /** Problems found while reading the row that do not reject it; reported as warnings. */
  warnings?: ImportIssue[];
}

/** A row that was rejected, or a problem noted while the row itself was kept. */
export interface ImportIssue {
  line: number;
  /** Message key and parameters of the reason, translated when shown. */
  reasonKey: string;
  params?: Record<string, unknown>;
}
export type RejectedRow = ImportIssue;

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  /** The file format, or "records" when the caller built the records itself. */
  format: ImportFormat | 'records';
  /** Data rows read, rejected ones included. */
  rows: number;
  /** Contacts. */
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The first rejected rows in file order (at most MAX_LISTED_ISSUES); `rejected` counts them all. */
  rejectedRows: ImportIssue[];
  /** Problems that did not stop a row, such as a manager reference not found (at most MAX_LISTED_ISSUES). */
  warnings: ImportIssue[];
  /** Number of warnings, listed or not. */
  warningCount: number;
  relationships: WriteCounts;
  reportingLines: WriteCounts;
  influenceLinks: WriteCounts;
  /** Account names read as an existing account's name with a typo. */
  correctedAccounts: Array<{ typed: string; used: string }>;
  /** Message keys of remarks about the whole import, such as "contacts only". */
  notices: string[];
}

export interface ImportOptions {
  /** Account of every record, replacing the file's own company column. */
  account?: string;
  /** Visibility of new relationships whose row does not give one; "tenant" when unset. */
  visibility?: Visibility;
  /** Contact and link source stored on created rows; "import" when unset. */
  source?: string;
  /** Records written per transaction. */
  batchSize?: number;
  /** Called after each written batch with the number of rows handled so far. */
  onRows?: (rows: number) => void;
}

export const MAX_LISTED_ISSUES = 1000;
export const DEFAULT_BATCH_SIZE = 500;
