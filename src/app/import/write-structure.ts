// Bulk writes of the customer's structure: reporting lines (with setReportingLine's rules: the
// replaced line is closed, self-reporting and cycles are rejected) and influence links.
import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { queryRows } from '../../store/database.js';
import { AppError } from '../errors.js';
import { arrayLiteral, insertRows, keyRows, updateRows } from './bulk-sql.js';
import { emptyCounts, type ImportRun } from './run.js';
import type { WriteCounts } from './types.js';

type Tx = ImportRun['ctx']['db'];

export interface ReportingLineWrite {
  contactId: string;
  managerId: string;
  /** The contact's account when this transaction created the contact; unset lets the database copy it. */
  accountId?: string | null;
}

export interface InfluenceWrite {
  fromContactId: string;
  toContactId: string;
  weight: number;
  kind: string;
  note: string | null;
}

/** Maps "accountId NUL externalRef" to the contact id, for the references given. */
export async function findContactsByRef(tx: Tx, tenantId: string, refs: Array<{ accountId: string; ref: string }>): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const keys = keyRows({ account_id: { type: 'uuid', values: refs.map((ref) => ref.accountId) }, ref: { type: 'text', values: refs.map((ref) => ref.ref) } });
  const rows = await queryRows<{ id: string; accountId: string; externalRef: string }>(
    tx,
    sql`select found.* from ${keys} cross join lateral (
          select c.id, c.account_id as "accountId", c.external_ref as "externalRef" from contacts c
           where c.tenant_id = ${tenantId} and c.external_ref is not null and c.account_id = k.account_id and c.external_ref = k.ref offset 0) as found`,
  );
  return new Map(rows.map((row) => [refKey(row.accountId, row.externalRef), row.id]));
}

export function refKey(accountId: string, ref: string): string {
  return `${accountId}\u0000${ref}`;
}

/**
 * Sets each contact's current manager. Throws an AppError on self-reporting or when the new lines
 * make a cycle, so the caller can retry row by row and reject only the row that closes it.
 */
export async function writeReportingLines(tx: Tx, run: ImportRun, writes: ReportingLineWrite[]): Promise<WriteCounts> {
  const counts = emptyCounts();
  if (writes.length === 0) return counts;
  if (writes.some((write) => write.contactId === write.managerId)) throw new AppError('invalid_input', 'structure.selfReport');

  const currentRows = await queryRows<{ id: string; contactId: string; managerId: string }>(
    tx,
    sql`select found.* from ${keyRows({ contact_id: { type: 'uuid', values: writes.map((write) => write.contactId) } })} cross join lateral (
          select rl.id, rl.contact_id as "contactId", rl.manager_id as "managerId" from reporting_lines rl
           where rl.tenant_id = ${run.ctx.tenantId} and rl.contact_id = k.contact_id and rl.valid_to is null offset 0) as found`,
  );
  const current = new Map(currentRows.map((row) => [row.contactId, row.managerId]));
  const toClose = new Map(currentRows.map((row) => [row.contactId, row.id]));
  const toInsert = new Map<string, ReportingLineWrite>();

  for (const write of writes) {
    const { contactId, managerId } = write;
    const currentManager = current.get(contactId);
    if (currentManager === managerId) {
      counts.unchanged += 1;
      continue;
    }
    counts[currentManager ? 'updated' : 'created'] += 1;
    current.set(contactId, managerId);
    toInsert.set(contactId, write);
  }
  if (toInsert.size === 0) return counts;

  const closing = [...toInsert.keys()].map((contactId) => toClose.get(contactId)).filter((id): id is string => id !== undefined);
  if (closing.length > 0) await tx.execute(sql`update reporting_lines set valid_to = ${run.today} where id = any(${arrayLiteral(closing)}::uuid[])`);
  await insertRows(
    tx,
    'reporting_lines',
    { id: 'uuid', tenant_id: 'uuid', contact_id: 'uuid', account_id: 'uuid', manager_id: 'uuid', source: 'text', created_by: 'uuid', created_at: 'timestamptz' },
    [...toInsert.values()].map((write) => ({
      id: randomUUID(),
      tenant_id: run.ctx.tenantId,
      contact_id: write.contactId,
      account_id: write.accountId ?? null,
      manager_id: write.managerId,
      source: run.source,
      created_by: run.actorMemberId,
      created_at: run.now,
    })),
  );
  await rejectCycles(tx, run.ctx.tenantId, [...toInsert.keys()]);
  return counts;
}

/**
 * Walks up from each contact through current lines (at most 100 levels, as setReportingLine does).
 * The scalar subquery makes each step an index lookup by contact: right after a bulk insert the
 * table statistics are stale, and a join was planned as a nested loop over the whole tenant.
 */
async function rejectCycles(tx: Tx, tenantId: string, contactIds: string[]): Promise<void> {
  const cycle = await queryRows<{ start_id: string }>(
    tx,
    sql`with recursive chain(start_id, id, depth) as (
          select k.contact_id,
                 (select rl.manager_id from reporting_lines rl
                   where rl.tenant_id = ${tenantId} and rl.contact_id = k.contact_id and rl.valid_to is null),
                 1
            from ${keyRows({ contact_id: { type: 'uuid', values: contactIds } })}
          union all
          select chain.start_id,
                 (select rl.manager_id from reporting_lines rl
                   where rl.tenant_id = ${tenantId} and rl.contact_id = chain.id and rl.valid_to is null),
                 chain.depth + 1
            from chain
           where chain.id is not null and chain.depth < 100 and chain.id <> chain.start_id
        )
        select start_id from chain where id = start_id limit 1`,
  );
  if (cycle.length > 0) throw new AppError('invalid_input', 'structure.cycle');
}

/** Records that contacts influence others, or updates the weight and note of existing links. */
export async function writeInfluenceLinks(tx: Tx, run: ImportRun, writes: InfluenceWrite[]): Promise<WriteCounts> {
  const counts = emptyCounts();
  if (writes.length === 0) return counts;
  const keys = keyRows({
    from_id: { type: 'uuid', values: writes.map((write) => write.fromContactId) },
    to_id: { type: 'uuid', values: writes.map((write) => write.toContactId) },
    kind: { type: 'text', values: writes.map((write) => write.kind) },
  });
  const existingRows = await queryRows<{ id: string; fromContactId: string; toContactId: string; kind: string; weight: number; note: string | null }>(
    tx,
    sql`select found.* from ${keys} cross join lateral (
          select l.id, l.from_contact_id as "fromContactId", l.to_contact_id as "toContactId", l.kind, l.weight, l.note
            from influence_links l
           where l.tenant_id = ${run.ctx.tenantId} and l.from_contact_id = k.from_id and l.to_contact_id = k.to_id and l.kind = k.kind offset 0) as found`,
  );
  const linkKey = (link: { fromContactId: string; toContactId: string; kind: string }) => `${link.fromContactId}\u0000${link.toContactId}\u0000${link.kind}`;
  const existing = new Map(existingRows.map((row) => [linkKey(row), row]));
  const inserts = new Map<string, InfluenceWrite>();
  const updates = new Map<string, { id: string; weight: number; note: string | null }>();

  for (const write of writes) {
    const key = linkKey(write);
    const found = existing.get(key);
    const note = write.note ?? found?.note ?? null;
    // Weights are stored as real (float4): compare with a tolerance, as addInfluenceLink does.
    if (found && Math.abs(found.weight - write.weight) < 1e-6 && found.note === note) {
      counts.unchanged += 1;
      continue;
    }
    counts[found ? 'updated' : 'created'] += 1;
    if (found && !inserts.has(key)) updates.set(key, { id: found.id, weight: write.weight, note });
    else inserts.set(key, { ...write, note });
    existing.set(key, { id: found?.id ?? '', ...write, note });
  }

  await insertRows(
    tx,
    'influence_links',
    { id: 'uuid', tenant_id: 'uuid', from_contact_id: 'uuid', to_contact_id: 'uuid', weight: 'real', kind: 'text', note: 'text', source: 'text', created_by: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz' },
    [...inserts.values()].map((write) => ({
      id: randomUUID(),
      tenant_id: run.ctx.tenantId,
      from_contact_id: write.fromContactId,
      to_contact_id: write.toContactId,
      weight: write.weight,
      kind: write.kind,
      note: write.note,
      source: run.source,
      created_by: run.actorMemberId,
      created_at: run.now,
      updated_at: run.now,
    })),
  );
  await updateRows(tx, 'influence_links', run.ctx.tenantId, { weight: 'real', note: 'text' }, [...updates.values()], sql`, updated_at = ${run.now.toISOString()}`);
  return counts;
}
