// Writes one batch of checked records inside the caller's transaction: accounts, contacts, their
// relationships and reporting lines. Nothing is counted until the caller commits the result.
import type { AppContext } from '../context.js';
import type { CheckedRecord } from './check.js';
import type { AccountDirectory } from './account-directory.js';
import { emptyCounts, type DeferredInfluence, type DeferredReportingLine, type ImportRun } from './run.js';
import type { ImportIssue, WriteCounts } from './types.js';
import { writeContacts, type WrittenContact } from './write-contacts.js';
import { writeRelationships } from './write-relationships.js';
import { findContactsByRef, refKey, writeReportingLines } from './write-structure.js';

type Tx = ImportRun['ctx']['db'];

export interface BatchResult {
  contacts: WriteCounts;
  relationships: WriteCounts;
  reportingLines: WriteCounts;
  rejected: ImportIssue[];
  warnings: ImportIssue[];
  correctedAccounts: Array<{ typed: string; used: string }>;
  deferredLines: DeferredReportingLine[];
  deferredInfluences: DeferredInfluence[];
  /** Accounts resolved by this batch, merged into the run's directory on commit. */
  accounts: AccountDirectory;
}

/** Writes a batch in the caller's transaction and returns what to count once it commits. */
export async function writeBatch(tx: Tx, run: ImportRun, records: CheckedRecord[], accounts: AccountDirectory): Promise<BatchResult> {
  const result: BatchResult = {
    contacts: emptyCounts(),
    relationships: emptyCounts(),
    reportingLines: emptyCounts(),
    rejected: [],
    warnings: [],
    correctedAccounts: [],
    deferredLines: [],
    deferredInfluences: [],
    accounts,
  };

  const txCtx = { db: tx as AppContext['db'], tenantId: run.ctx.tenantId, actor: run.ctx.actor };
  const resolved = await accounts.resolve(txCtx, records.map((record) => record.account));
  const located: Array<{ checked: CheckedRecord; accountId: string }> = [];
  for (const checked of records) {
    const account = resolved.get(checked.account)!;
    if ('error' in account) {
      result.rejected.push({ line: checked.line, reasonKey: account.error.messageKey, params: account.error.params });
      continue;
    }
    if (account.corrected) result.correctedAccounts.push({ typed: checked.account, used: account.label });
    located.push({ checked, accountId: account.id });
  }

  const contacts = await writeContacts(tx, run, located);
  result.contacts = contacts.counts;
  result.rejected.push(...contacts.rejected);
  for (const written of contacts.written) result.warnings.push(...written.checked.warnings);

  result.relationships = await writeRelationships(
    tx,
    run,
    contacts.written.flatMap((written) =>
      written.checked.relationships.map((relationship) => ({ contactId: written.contactId, accountId: accountOfCreated(written), relationship })),
    ),
  );
  result.reportingLines = await writeBatchReportingLines(tx, run, contacts.written, result.deferredLines);
  result.deferredInfluences = contacts.written.flatMap((written) =>
    written.checked.influences.map((influence) => ({
      line: written.checked.line,
      fromContactId: written.contactId,
      accountId: written.accountId,
      toRef: influence.toRef,
      weight: influence.weight,
      kind: influence.kind ?? 'informal',
      note: influence.note ?? null,
    })),
  );
  return result;
}

/**
 * Returns the account to store on the links of a contact that this batch created, so that the
 * insert trigger need not look it up for every row. For any other contact it returns null, and
 * the trigger copies the contact's account as it is when the link is inserted.
 */
function accountOfCreated(written: WrittenContact): string | null {
  return written.created ? written.accountId : null;
}

/** Writes the lines whose manager exists now; the others wait for the end of the file. */
async function writeBatchReportingLines(tx: Tx, run: ImportRun, written: WrittenContact[], deferred: DeferredReportingLine[]): Promise<WriteCounts> {
  const withManager = written.filter((entry) => entry.checked.managerRef);
  if (withManager.length === 0) return emptyCounts();

  const inBatch = new Map(written.filter((entry) => entry.externalRef).map((entry) => [refKey(entry.accountId, entry.externalRef!), entry.contactId]));
  const stored = await findContactsByRef(
    tx,
    run.ctx.tenantId,
    withManager.map((entry) => ({ accountId: entry.accountId, ref: entry.checked.managerRef! })).filter((ref) => !inBatch.has(refKey(ref.accountId, ref.ref))),
  );
  const writes = [];
  for (const entry of withManager) {
    const key = refKey(entry.accountId, entry.checked.managerRef!);
    const managerId = inBatch.get(key) ?? stored.get(key);
    if (managerId) writes.push({ contactId: entry.contactId, managerId, accountId: accountOfCreated(entry) });
    else deferred.push({ line: entry.checked.line, contactId: entry.contactId, accountId: entry.accountId, managerRef: entry.checked.managerRef! });
  }
  return writeReportingLines(tx, run, writes);
}
