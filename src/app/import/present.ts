// Turns an import summary into a Reply: the counts, then the rejected rows and warnings with
// their line numbers and translated reasons.
import type { Translate } from '../../i18n/index.js';
import { describeError } from '../error-reply.js';
import { AppError } from '../errors.js';
import type { Reply, ReplyBlock } from '../reply.js';
import type { ImportIssue, ImportSummary, WriteCounts } from './types.js';

// Rows listed in the reply; the JSON summary lists up to MAX_LISTED_ISSUES.
const SHOWN_ISSUES = 20;

/** Translates the reason of a rejected row or a warning. */
export function describeIssue(issue: ImportIssue, t: Translate): string {
  return describeError(new AppError('invalid_input', issue.reasonKey, issue.params ?? {}), t);
}

export function presentImportSummary(summary: ImportSummary, t: Translate, options: { source: string }): Reply {
  const format = t(`import.formats.${summary.format}`);
  const headline = t('import.summary.heading', { source: options.source, format, count: summary.rows });
  const row = (label: string, counts: WriteCounts, rejected?: number) => [label, String(counts.created), String(counts.updated), String(counts.unchanged), rejected === undefined ? '' : String(rejected)];
  const rows = [row(t('import.summary.contacts'), summary, summary.rejected), row(t('import.summary.relationships'), summary.relationships)];
  if (hasAny(summary.reportingLines)) rows.push(row(t('import.summary.reportingLines'), summary.reportingLines));
  if (hasAny(summary.influenceLinks)) rows.push(row(t('import.summary.influenceLinks'), summary.influenceLinks));
  const columns = ['', t('import.summary.created'), t('import.summary.updated'), t('import.summary.unchanged'), t('import.summary.rejected')];

  const blocks: ReplyBlock[] = [{ type: 'heading', text: headline }, { type: 'table', columns, rows }];
  for (const notice of summary.notices) blocks.push({ type: 'text', text: t(notice) });
  if (summary.correctedAccounts.length > 0) {
    blocks.push({
      type: 'items',
      items: [
        {
          title: t('import.summary.correctedAccounts'),
          lines: summary.correctedAccounts.map((corrected) => t('import.summary.correctedAccount', corrected)),
        },
      ],
    });
  }
  if (summary.rejected > 0) blocks.push(issueList(t('import.summary.rejectedRows', { count: summary.rejected }), summary.rejectedRows, summary.rejected, t));
  if (summary.warningCount > 0) blocks.push(issueList(t('import.summary.warnings', { count: summary.warningCount }), summary.warnings, summary.warningCount, t));

  return { text: `${headline} ${t('labelled', { label: t('import.summary.contacts'), value: contactCounts(summary, t) })}`, blocks };
}

function contactCounts(summary: ImportSummary, t: Translate): string {
  return t('import.summary.contactCounts', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected });
}

function hasAny(counts: WriteCounts): boolean {
  return counts.created + counts.updated + counts.unchanged > 0;
}

function issueList(title: string, issues: ImportIssue[], total: number, t: Translate): ReplyBlock {
  const lines = issues.slice(0, SHOWN_ISSUES).map((issue) => t('import.summary.issue', { line: issue.line, reason: describeIssue(issue, t) }));
  if (total > lines.length) lines.push(t('import.summary.more', { count: total - lines.length }));
  return { type: 'items', items: [{ title, lines }] };
}
