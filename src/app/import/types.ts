// The import pipeline's record and summary: what file parsers produce and the writer consumes.
// The demo loader builds the same records from the example datasets.

export interface ImportRelationship {
  /** Member who knows the contact, by e-mail (preferred) or name. */
  member: string;
  strength: number;
  kind?: string;
  lastContactOn?: string | null;
  visibility?: 'private' | 'deal_team' | 'tenant';
  note?: string | null;
}

export interface ImportRecord {
  /** Line of the source file where the record starts (1-based, header included), for reports. */
  line: number;
  account: string;
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
}

export interface RejectedRow {
  line: number;
  /** Message key and parameters of the reason, translated when shown. */
  reasonKey: string;
  params?: Record<string, unknown>;
}

export interface ImportSummary {
  format: string;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejectedRows: RejectedRow[];
  relationships: { created: number; updated: number; unchanged: number };
  reportingLines: { created: number; updated: number; unchanged: number };
  /** Account names read as an existing account's name with a typo. */
  correctedAccounts: Array<{ typed: string; used: string }>;
}
