// The demo loader: the example datasets in examples/ written into the tenant through the import
// pipeline. Running it again changes nothing: every row is matched and reported unchanged.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { AppContext } from './context.js';
import { acmeEnergyRecords, hmTreasuryRecords, northwindRelationshipRecords } from './demo/datasets.js';
import { readTable } from './demo/csv-table.js';
import { importRecords } from './import/import-records.js';
import { emptySummary } from './import/run.js';
import type { ImportRecord, ImportSummary } from './import/types.js';
import { upsertMember } from './members.js';

export const EXAMPLES_FOLDER = fileURLToPath(new URL('../../examples/', import.meta.url));
export const DEMO_ACCOUNT = 'Acme Energy';

export type DemoDataset = 'members' | 'acme-energy' | 'hm-treasury' | 'relationships';

export interface DemoDatasetReport {
  dataset: DemoDataset;
  /** For "members", created, updated and unchanged count members; for the others, contacts. */
  summary: ImportSummary;
}

export interface DemoOptions {
  /** Folder holding the datasets; examples/ of the project when unset. */
  folder?: string;
  /** Called as each dataset finishes, for progress lines. */
  onDataset?: (report: DemoDatasetReport) => void;
}

type DemoContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'logger' | 'now'>;

/** Loads the seller team, Acme Energy, HM Treasury and the team's relationships, in that order. */
export async function loadDemo(ctx: DemoContext, options: DemoOptions = {}): Promise<DemoDatasetReport[]> {
  const folder = options.folder ?? EXAMPLES_FOLDER;
  const reports: DemoDatasetReport[] = [];
  const finish = (report: DemoDatasetReport) => {
    reports.push(report);
    options.onDataset?.(report);
  };

  finish({ dataset: 'members', summary: await loadMembers(ctx, path.join(folder, 'northwind-sellers', 'members.csv')) });
  const datasets: Array<[DemoDataset, AsyncIterable<ImportRecord>]> = [
    ['acme-energy', acmeEnergyRecords(folder)],
    ['hm-treasury', hmTreasuryRecords(folder)],
    ['relationships', northwindRelationshipRecords(folder)],
  ];
  for (const [dataset, records] of datasets) {
    finish({ dataset, summary: await importRecords(ctx, records, { source: 'demo' }) });
  }
  return reports;
}

/** Loads the seller team: members keep their role, locale and time zone as the file gives them. */
async function loadMembers(ctx: DemoContext, file: string): Promise<ImportSummary> {
  const summary = emptySummary('records');
  for await (const row of readTable(file)) {
    summary.rows += 1;
    const { outcome } = await upsertMember(ctx, {
      name: row.get('full_name'),
      email: row.get('email'),
      role: row.get('role') || undefined,
      locale: row.get('locale') || undefined,
      timeZone: row.get('timezone') || undefined,
    });
    summary[outcome] += 1;
  }
  return summary;
}
