// Progress lines of the demo loader: one per dataset, then the rows it reported.
import type { Translate } from '../../i18n/index.js';
import type { DemoDatasetReport } from '../demo.js';
import { describeIssue } from '../import/present.js';
import type { WriteCounts } from '../import/types.js';

// The file whose line numbers a dataset's reported rows refer to.
const DATASET_FILES: Record<DemoDatasetReport['dataset'], string> = {
  members: 'northwind-sellers/members.csv',
  'acme-energy': 'acme-energy/people.csv',
  'hm-treasury': 'hm-treasury-2011/senior-posts.csv',
  relationships: 'northwind-sellers/relationships.csv',
};

/** Describes what a dataset loaded in one line, followed by one indented line per reported row. */
export function describeDemoDataset(report: DemoDatasetReport, t: Translate): string[] {
  const { summary } = report;
  const counts = (values: WriteCounts) => t('import.summary.linkCounts', { ...values });
  const contacts = t('import.summary.contactCounts', { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected });
  const headline = t(`demo.dataset.${report.dataset}`, {
    members: counts(summary),
    contacts,
    influenceLinks: counts(summary.influenceLinks),
    reportingLines: counts(summary.reportingLines),
    relationships: t('import.summary.relationshipCounts', { ...summary.relationships }),
  });
  const notLoaded = summary.rejected > 0 ? ` ${t('demo.notLoaded', { count: summary.rejected })}` : '';
  const issues = [...summary.rejectedRows, ...summary.warnings].sort((a, b) => a.line - b.line);
  const file = DATASET_FILES[report.dataset];
  return [headline + notLoaded, ...issues.map((issue) => `  ${t('demo.issue', { file, line: issue.line, reason: describeIssue(issue, t) })}`)];
}
