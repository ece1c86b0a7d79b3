// State of one import run: its context, the in-memory directories, the summary being counted and
// the links left for the end because their target may come later in the file.
import { readCharterSettings } from '../charter/settings.js';
import type { AppContext } from '../context.js';
import { AccountDirectory } from './account-directory.js';
import { MemberDirectory } from './directories.js';
import { MAX_LISTED_ISSUES, type ImportIssue, type ImportOptions, type ImportSummary, type Visibility, type WriteCounts } from './types.js';

/** A reporting line whose manager was not found when its contact was written. */
export interface DeferredReportingLine {
  line: number;
  contactId: string;
  accountId: string;
  managerRef: string;
}

/** An influence link, written once every contact of the file exists. */
export interface DeferredInfluence {
  line: number;
  fromContactId: string;
  accountId: string;
  toRef: string;
  weight: number;
  kind: string;
  note: string | null;
}

export interface ImportRun {
  ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'logger' | 'now'>;
  source: string;
  actorMemberId: string | null;
  now: Date;
  /** Today as YYYY-MM-DD: the day a replaced reporting line ends. */
  today: string;
  defaultVisibility: Visibility;
  members: MemberDirectory;
  accounts: AccountDirectory;
  summary: ImportSummary;
  deferredLines: DeferredReportingLine[];
  deferredInfluences: DeferredInfluence[];
  /** Unknown members already warned about, so a CRM owner who is not a member is reported once. */
  skippedMembers: Set<string>;
}

export function emptyCounts(): WriteCounts {
  return { created: 0, updated: 0, unchanged: 0 };
}

export function addCounts(target: WriteCounts, source: WriteCounts): void {
  target.created += source.created;
  target.updated += source.updated;
  target.unchanged += source.unchanged;
}

export function emptySummary(format: ImportSummary['format']): ImportSummary {
  return {
    format,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    rejectedRows: [],
    warnings: [],
    warningCount: 0,
    relationships: emptyCounts(),
    reportingLines: emptyCounts(),
    influenceLinks: emptyCounts(),
    correctedAccounts: [],
    notices: [],
  };
}

export async function startRun(ctx: ImportRun['ctx'], format: ImportSummary['format'], options: ImportOptions): Promise<ImportRun> {
  const now = ctx.now();
  return {
    ctx,
    source: options.source ?? 'import',
    actorMemberId: ctx.actor?.memberId ?? null,
    now,
    today: now.toISOString().slice(0, 10),
    defaultVisibility: options.visibility ?? (await readCharterSettings(ctx)).defaultVisibility,
    members: await MemberDirectory.load(ctx),
    accounts: new AccountDirectory(),
    summary: emptySummary(format),
    deferredLines: [],
    deferredInfluences: [],
    skippedMembers: new Set(),
  };
}

export function reject(run: ImportRun, issue: ImportIssue): void {
  run.summary.rejected += 1;
  if (run.summary.rejectedRows.length < MAX_LISTED_ISSUES) run.summary.rejectedRows.push(issue);
}

export function warn(run: ImportRun, issue: ImportIssue): void {
  if (issue.reasonKey === 'import.warning.memberSkipped') {
    const member = String(issue.params?.member ?? '').toLowerCase();
    if (run.skippedMembers.has(member)) return;
    run.skippedMembers.add(member);
  }
  run.summary.warningCount += 1;
  if (run.summary.warnings.length < MAX_LISTED_ISSUES) run.summary.warnings.push(issue);
}
