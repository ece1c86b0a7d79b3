// The import writer. It checks records and writes them in batches of one transaction each. A
// failed batch is retried row by row, so only the faulty row is rejected. The links whose target
// came later in the file are written at the end, then one audit row is recorded.
import { sql } from 'drizzle-orm';

import { queryRows } from '../../store/database.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError, isStoreUnavailable } from '../errors.js';
import { checkRecord, type CheckedRecord } from './check.js';
import { addCounts, reject, startRun, warn, type ImportRun } from './run.js';
import { DEFAULT_BATCH_SIZE, type ImportIssue, type ImportOptions, type ImportRecord, type ImportSummary, type WriteCounts } from './types.js';
import { writeBatch, type BatchResult } from './write-batch.js';
import { findContactsByRef, refKey, writeInfluenceLinks, writeReportingLines } from './write-structure.js';

type Tx = ImportRun['ctx']['db'];
type ImportContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'logger' | 'now'>;

export interface ImportRecordsOptions extends ImportOptions {
  /** Format reported in the summary and the audit row; "records" when unset. */
  format?: ImportSummary['format'];
  /** Message keys of remarks to pass on in the summary. */
  notices?: string[];
}

/**
 * Imports records into the context's tenant. Rows are written in batches (500 records by
 * default), each in one transaction, and a record's contact, relationships and reporting line are
 * written together or not at all. A reporting line or influence link whose target comes later in
 * the input is written after the last batch. A failure there is a warning, and the contact stays.
 */
export async function importRecords(ctx: ImportContext, items: AsyncIterable<ImportRecord | ImportIssue>, options: ImportRecordsOptions = {}): Promise<ImportSummary> {
  const run = await startRun(ctx, options.format ?? 'records', options);
  run.summary.notices.push(...(options.notices ?? []));

  const sourceError = await writeInBatches(run, items, options);
  await writeDeferredReportingLines(run);
  await writeDeferredInfluences(run);
  finishSummary(run.summary);

  await recordAudit(ctx, { action: 'import', targetType: 'import', details: { ...auditDetails(run.summary), complete: sourceError === undefined } });
  if (sourceError !== undefined) throw sourceError;
  return run.summary;
}

/**
 * Checks the records and writes them batch by batch. Returns the error that ended the input
 * early (a malformed CSV line), after writing the rows read before it: fixing that line and
 * importing the file again then completes the import.
 */
async function writeInBatches(run: ImportRun, items: AsyncIterable<ImportRecord | ImportIssue>, options: ImportRecordsOptions): Promise<unknown> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const checkOptions = { ...(options.account && { account: options.account }), members: run.members };
  const statistics = { nextAt: FIRST_ANALYZE_AT, knownRows: await countKnownRows(run) };
  const source = items[Symbol.asyncIterator]();
  let batch: CheckedRecord[] = [];
  let sourceError: unknown;

  for (;;) {
    const next = await source.next().catch((error: unknown) => {
      sourceError = error;
      return { done: true as const, value: undefined };
    });
    if (next.done) break;
    run.summary.rows += 1;
    const checked = 'reasonKey' in next.value ? next.value : checkRecord(next.value, checkOptions);
    if ('reasonKey' in checked) {
      reject(run, checked);
      continue;
    }
    batch.push(checked);
    if (batch.length < batchSize) continue;
    await commitBatch(run, batch);
    batch = [];
    await refreshStatistics(run, statistics);
    options.onRows?.(run.summary.rows);
  }

  if (batch.length > 0) await commitBatch(run, batch);
  // A first import smaller than FIRST_ANALYZE_AT still gets statistics: without any, the planner
  // takes every table for one row and repeats whole aggregates inside nested loops.
  if (statistics.knownRows === 0 && statistics.nextAt === FIRST_ANALYZE_AT) await refreshStatistics(run, { nextAt: 1, knownRows: 0 });
  options.onRows?.(run.summary.rows);
  return sourceError;
}

// Rows created before the first ANALYZE; each later one waits for four times as many.
const FIRST_ANALYZE_AT = 1_000;

// Share of the rows the statistics already count that an import must add before an ANALYZE.
const KNOWN_ROWS_SHARE = 0.25;

const FILLED_TABLES = sql`('contacts'::regclass, 'relationships'::regclass, 'reporting_lines'::regclass)`;

/**
 * Refreshes the planner statistics of the tables an import fills, after 1,000 created rows, then
 * 4,000, 16,000 and so on. Otherwise a tenant that starts empty keeps statistics that count its
 * tables as empty, and the planner then picks indexes that scan the whole account for every row.
 * PGlite has no autovacuum to refresh them at all. Tables that statistics count as four times
 * larger than the import are skipped, because analyzing a million rows takes about a second.
 */
async function refreshStatistics(run: ImportRun, statistics: { nextAt: number; knownRows: number }): Promise<void> {
  const created = run.summary.created + run.summary.relationships.created + run.summary.reportingLines.created;
  if (created < statistics.nextAt || created < statistics.knownRows * KNOWN_ROWS_SHARE) return;
  statistics.nextAt = created * 4;
  try {
    await run.ctx.db.execute(sql`analyze contacts, relationships, reporting_lines, influence_links`);
  } catch (error) {
    if (isStoreUnavailable(error)) throw error;
    // Only the tables' owner may analyze them; the import is slower without it, not wrong.
    run.ctx.logger.debug({ err: error }, 'import could not refresh table statistics');
  }
}

/** Returns the rows the planner statistics count in the tables an import fills (0 before any ANALYZE). */
async function countKnownRows(run: ImportRun): Promise<number> {
  const [row] = await queryRows<{ rows: number | string }>(
    run.ctx.db,
    sql`select coalesce(sum(greatest(reltuples, 0)), 0)::float8 as rows from pg_class where oid in ${FILLED_TABLES}`,
  );
  return Number(row?.rows ?? 0);
}

/**
 * Runs `work` in a transaction without JIT compilation. The planner overprices the bulk lookups,
 * and compiling each one took about 90 ms on Postgres 15, far longer than running it.
 */
async function inTransaction<T>(run: ImportRun, work: (tx: Tx) => Promise<T>): Promise<T> {
  return run.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return work(tx as unknown as Tx);
  });
}

async function commitBatch(run: ImportRun, batch: CheckedRecord[]): Promise<void> {
  let result: BatchResult;
  try {
    result = await inTransaction(run, (tx) => writeBatch(tx, run, batch, run.accounts.child()));
  } catch (error) {
    if (isStoreUnavailable(error)) throw error;
    // The error's query parameters may contain personal data, so only its code is logged.
    const reason = error instanceof AppError ? error.messageKey : databaseErrorCode(error);
    run.ctx.logger.info({ reason, firstLine: batch[0]?.line, size: batch.length }, 'import batch failed, retrying row by row');
    await commitRowByRow(run, batch);
    return;
  }
  applyBatch(run, result);
}

/** Writes each record in its own savepoint of one transaction, rejecting the rows that fail. */
async function commitRowByRow(run: ImportRun, batch: CheckedRecord[]): Promise<void> {
  const results: BatchResult[] = [];
  const rejected: ImportIssue[] = [];
  const accounts = run.accounts.child();
  await inTransaction(run, async (tx) => {
    for (const record of batch) {
      const rowAccounts = accounts.child();
      try {
        results.push(await tx.transaction((savepoint) => writeBatch(savepoint as unknown as Tx, run, [record], rowAccounts)));
        accounts.merge(rowAccounts);
      } catch (error) {
        if (isStoreUnavailable(error)) throw error;
        rejected.push(issueFromError(run, record.line, error));
      }
    }
  });
  for (const result of results) applyBatch(run, result);
  for (const issue of rejected) reject(run, issue);
}

function applyBatch(run: ImportRun, result: BatchResult): void {
  run.accounts.merge(result.accounts);
  run.summary.created += result.contacts.created;
  run.summary.updated += result.contacts.updated;
  run.summary.unchanged += result.contacts.unchanged;
  addCounts(run.summary.relationships, result.relationships);
  addCounts(run.summary.reportingLines, result.reportingLines);
  for (const issue of result.rejected) reject(run, issue);
  for (const issue of result.warnings) warn(run, issue);
  for (const corrected of result.correctedAccounts) {
    if (!run.summary.correctedAccounts.some((known) => known.typed === corrected.typed)) run.summary.correctedAccounts.push(corrected);
  }
  run.deferredLines.push(...result.deferredLines);
  run.deferredInfluences.push(...result.deferredInfluences);
}

/** Returns the reason a row failed to write: the use-case message, or a database error in plain words. */
function issueFromError(run: ImportRun, line: number, error: unknown): ImportIssue {
  if (error instanceof AppError) return { line, reasonKey: error.messageKey, params: error.params };
  const code = databaseErrorCode(error);
  // The error's detail may quote personal data (a duplicate e-mail), so only its code is logged.
  run.ctx.logger.warn({ line, code }, 'import row rejected by the database');
  return { line, reasonKey: code === '23505' ? 'import.reason.duplicate' : 'import.reason.writeFailed' };
}

function databaseErrorCode(error: unknown): string | undefined {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
    current = current.cause as typeof current;
  }
  return undefined;
}

async function writeDeferredReportingLines(run: ImportRun): Promise<void> {
  for (const chunk of chunks(run.deferredLines.splice(0), DEFAULT_BATCH_SIZE)) {
    const managers = await findContactsByRef(run.ctx.db as Tx, run.ctx.tenantId, chunk.map((entry) => ({ accountId: entry.accountId, ref: entry.managerRef })));
    const writes = [];
    for (const entry of chunk) {
      const managerId = managers.get(refKey(entry.accountId, entry.managerRef));
      if (managerId) writes.push({ line: entry.line, contactId: entry.contactId, managerId });
      else warn(run, { line: entry.line, reasonKey: 'import.warning.managerNotFound', params: { reference: entry.managerRef } });
    }
    await writeLinks(run, writes, run.summary.reportingLines, (tx, items) => writeReportingLines(tx, run, items));
  }
}

async function writeDeferredInfluences(run: ImportRun): Promise<void> {
  for (const chunk of chunks(run.deferredInfluences.splice(0), DEFAULT_BATCH_SIZE)) {
    const targets = await findContactsByRef(run.ctx.db as Tx, run.ctx.tenantId, chunk.map((entry) => ({ accountId: entry.accountId, ref: entry.toRef })));
    const writes = [];
    for (const entry of chunk) {
      const toContactId = targets.get(refKey(entry.accountId, entry.toRef));
      if (!toContactId) warn(run, { line: entry.line, reasonKey: 'import.warning.influenceTargetNotFound', params: { reference: entry.toRef } });
      else if (toContactId !== entry.fromContactId) writes.push({ ...entry, toContactId });
    }
    await writeLinks(run, writes, run.summary.influenceLinks, (tx, items) => writeInfluenceLinks(tx, run, items));
  }
}

/**
 * Writes links of contacts already committed, in one transaction, else one by one: a link that
 * cannot be written (a cycle) becomes a warning, because its contact stays.
 */
async function writeLinks<T extends { line: number }>(run: ImportRun, items: T[], counts: WriteCounts, write: (tx: Tx, items: T[]) => Promise<WriteCounts>): Promise<void> {
  if (items.length === 0) return;
  try {
    addCounts(counts, await inTransaction(run, (tx) => write(tx, items)));
    return;
  } catch (error) {
    if (isStoreUnavailable(error)) throw error;
  }
  await inTransaction(run, async (tx) => {
    for (const item of items) {
      try {
        addCounts(counts, await tx.transaction((savepoint) => write(savepoint as unknown as Tx, [item])));
      } catch (error) {
        if (isStoreUnavailable(error)) throw error;
        warn(run, issueFromError(run, item.line, error));
      }
    }
  });
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

function finishSummary(summary: ImportSummary): void {
  summary.rejectedRows.sort((a, b) => a.line - b.line);
  summary.warnings.sort((a, b) => a.line - b.line);
}

/** Counts only: audit rows outlive the personal data they refer to. */
function auditDetails(summary: ImportSummary): Record<string, unknown> {
  return {
    format: summary.format,
    rows: summary.rows,
    contacts: { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, rejected: summary.rejected },
    relationships: summary.relationships,
    reportingLines: summary.reportingLines,
    influenceLinks: summary.influenceLinks,
    warnings: summary.warningCount,
  };
}
