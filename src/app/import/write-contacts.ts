// Bulk upsert of a batch's contacts. Existing contacts are loaded with three queries, and each
// record is matched as upsertContact matches (e-mail, else external reference, else name in the
// account). Then new contacts go in one insert and changed ones in one update.
import { randomUUID } from 'node:crypto';

import { sql, type SQL } from 'drizzle-orm';

import { normalizeName } from '../../domain/names.js';
import { queryRows } from '../../store/database.js';
import type { Contact } from '../../store/schema.js';
import { insertRows, keyRows, updateRows, type ColumnTypes } from './bulk-sql.js';
import { CONTACT_FIELDS, type CheckedRecord, type ContactFields } from './check.js';
import type { ImportRun } from './run.js';
import type { ImportIssue, WriteCounts } from './types.js';

type Tx = ImportRun['ctx']['db'];

export interface WrittenContact {
  checked: CheckedRecord;
  contactId: string;
  accountId: string;
  /** The contact's external reference after the write. */
  externalRef: string | null;
  /**
   * Set when this batch inserts the contact. No other transaction can see it, or move it to
   * another account, before the batch commits.
   */
  created: boolean;
}

export interface ContactsResult {
  written: WrittenContact[];
  rejected: ImportIssue[];
  counts: WriteCounts;
}

type Row = Pick<Contact, 'id' | 'accountId' | 'normalizedName' | (typeof CONTACT_FIELDS)[number]>;

/** Contacts of the batch by each matching key, kept current as records are planned in order. */
class ContactIndex {
  private readonly byEmail = new Map<string, Row>();
  private readonly byRef = new Map<string, Row>();
  private readonly byName = new Map<string, Row>();

  add(row: Row): void {
    if (row.email) this.byEmail.set(row.email.toLowerCase(), row);
    if (row.externalRef) this.byRef.set(`${row.accountId}\u0000${row.externalRef}`, row);
    if (row.name && !this.byName.has(`${row.accountId}\u0000${row.normalizedName}`)) this.byName.set(`${row.accountId}\u0000${row.normalizedName}`, row);
  }

  remove(row: Row): void {
    for (const [map, key] of [
      [this.byEmail, row.email?.toLowerCase()],
      [this.byRef, row.externalRef && `${row.accountId}\u0000${row.externalRef}`],
      [this.byName, row.name && `${row.accountId}\u0000${row.normalizedName}`],
    ] as const) {
      if (key && map.get(key)?.id === row.id) map.delete(key);
    }
  }

  /** Finds the contact a record means, by upsertContact's rule: a record with its own reference is a new person even when a namesake exists. */
  find(fields: ContactFields, accountId: string): Row | undefined {
    const byEmail = fields.email ? this.byEmail.get(fields.email) : undefined;
    if (byEmail) return byEmail;
    if (fields.externalRef) return this.byRef.get(`${accountId}\u0000${fields.externalRef}`);
    if (fields.name) return this.byName.get(`${accountId}\u0000${normalizeName(fields.name)}`);
    return undefined;
  }
}

/** Creates or updates the contacts of a batch in its transaction. */
export async function writeContacts(tx: Tx, run: ImportRun, records: Array<{ checked: CheckedRecord; accountId: string }>): Promise<ContactsResult> {
  const index = await preloadContacts(tx, run.ctx.tenantId, records);
  const planned = new Map<string, { row: Row; isNew: boolean; changed: boolean }>();
  const result: ContactsResult = { written: [], rejected: [], counts: { created: 0, updated: 0, unchanged: 0 } };

  for (const { checked, accountId } of records) {
    const existing = index.find(checked.fields, accountId);
    if (!existing && checked.matchOnly) {
      const reference = checked.fields.externalRef ?? checked.fields.email ?? '';
      result.rejected.push({ line: checked.line, reasonKey: 'import.reason.contactNotFound', params: { reference, account: checked.account } });
      continue;
    }
    const row = existing ? mergeFields(existing, checked.fields) : newRow(accountId, checked.fields);
    if (!row.normalizedName) {
      result.rejected.push({ line: checked.line, reasonKey: 'validation.invalidField', params: { field: 'name', reasonKey: 'validation.nameOrTitle' } });
      continue;
    }

    const changed = existing !== undefined && CONTACT_FIELDS.some((key) => row[key] !== existing[key]);
    if (!existing) result.counts.created += 1;
    else if (changed) result.counts.updated += 1;
    else result.counts.unchanged += 1;
    if (existing) index.remove(existing);
    index.add(row);
    const previous = planned.get(row.id);
    const isNew = previous?.isNew ?? !existing;
    planned.set(row.id, { row, isNew, changed: (previous?.changed ?? false) || changed });
    result.written.push({ checked, contactId: row.id, accountId: row.accountId, externalRef: row.externalRef, created: isNew });
  }

  await insertContacts(tx, run, [...planned.values()].filter((plan) => plan.isNew).map((plan) => plan.row));
  await updateContacts(tx, run, [...planned.values()].filter((plan) => !plan.isNew && plan.changed).map((plan) => plan.row));
  return result;
}

// The contact columns a batch needs, named as Row's fields.
const ROW_COLUMNS = sql.raw(
  `c.id, c.account_id as "accountId", c.normalized_name as "normalizedName", c.name, c.title, c.department, c.unit, c.email,
   c.phone, c.profile_url as "profileUrl", c.seniority, c.status, c.left_on::text as "leftOn", c.external_ref as "externalRef"`,
);

async function preloadContacts(tx: Tx, tenantId: string, records: Array<{ checked: CheckedRecord; accountId: string }>): Promise<ContactIndex> {
  const emails = unique(records.map(({ checked }) => checked.fields.email));
  const byRef = records.filter(({ checked }) => checked.fields.externalRef);
  const byName = records.filter(({ checked }) => checked.fields.name);
  const lookup = (keys: SQL, condition: SQL) =>
    queryRows<Row>(tx, sql`select found.* from ${keys} cross join lateral (select ${ROW_COLUMNS} from contacts c where c.tenant_id = ${tenantId} and ${condition} offset 0) as found`);

  const found: Row[][] = await Promise.all([
    emails.length === 0 ? [] : lookup(keyRows({ email: { type: 'text', values: emails } }), sql`c.email is not null and lower(c.email) = k.email`),
    byRef.length === 0
      ? []
      : lookup(
          keyRows({ account_id: { type: 'uuid', values: byRef.map(({ accountId }) => accountId) }, ref: { type: 'text', values: byRef.map(({ checked }) => checked.fields.externalRef!) } }),
          sql`c.external_ref is not null and c.account_id = k.account_id and c.external_ref = k.ref`,
        ),
    byName.length === 0
      ? []
      : lookup(
          keyRows({ account_id: { type: 'uuid', values: byName.map(({ accountId }) => accountId) }, name: { type: 'text', values: byName.map(({ checked }) => normalizeName(checked.fields.name!)) } }),
          sql`c.account_id = k.account_id and c.normalized_name = k.name and c.name is not null`,
        ),
  ]);
  const index = new ContactIndex();
  for (const row of found.flat()) index.add(row);
  return index;
}

function newRow(accountId: string, fields: ContactFields): Row {
  const row = { id: randomUUID(), accountId, normalizedName: '', ...Object.fromEntries(CONTACT_FIELDS.map((key) => [key, null])), ...fields } as Row;
  if (!fields.status) row.status = 'active';
  row.normalizedName = normalizeName(row.name ?? row.title ?? '');
  return row;
}

function mergeFields(existing: Row, fields: ContactFields): Row {
  const row = { ...existing, ...fields };
  row.normalizedName = normalizeName(row.name ?? row.title ?? '');
  return row;
}

const CONTACT_COLUMNS: ColumnTypes = {
  name: 'text',
  normalized_name: 'text',
  title: 'text',
  department: 'text',
  unit: 'text',
  email: 'text',
  phone: 'text',
  profile_url: 'text',
  seniority: 'text',
  status: 'text',
  left_on: 'date',
  external_ref: 'text',
};

function columnValues(row: Row): Record<string, unknown> {
  return {
    id: row.id,
    name: row.name,
    normalized_name: row.normalizedName,
    title: row.title,
    department: row.department,
    unit: row.unit,
    email: row.email,
    phone: row.phone,
    profile_url: row.profileUrl,
    seniority: row.seniority,
    status: row.status,
    left_on: row.leftOn,
    external_ref: row.externalRef,
  };
}

async function insertContacts(tx: Tx, run: ImportRun, rows: Row[]): Promise<void> {
  const columns: ColumnTypes = { id: 'uuid', tenant_id: 'uuid', account_id: 'uuid', ...CONTACT_COLUMNS, source: 'text', created_by: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz' };
  await insertRows(
    tx,
    'contacts',
    columns,
    rows.map((row) => ({ ...columnValues(row), tenant_id: run.ctx.tenantId, account_id: row.accountId, source: run.source, created_by: run.actorMemberId, created_at: run.now, updated_at: run.now })),
  );
}

/** Updates many contacts in one statement: every editable column is set from the merged row. */
async function updateContacts(tx: Tx, run: ImportRun, rows: Row[]): Promise<void> {
  await updateRows(tx, 'contacts', run.ctx.tenantId, CONTACT_COLUMNS, rows.map(columnValues), sql`, updated_at = ${run.now.toISOString()}`);
}

function unique<T>(values: Array<T | null | undefined>): T[] {
  return [...new Set(values.filter((value): value is T => value !== null && value !== undefined))];
}
