// Bulk upsert of a batch's relationships, with a history row per changed field as
// logRelationship writes them.
import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { queryRows } from '../../store/database.js';
import type { Relationship } from '../../store/schema.js';
import { insertRows, insertStatement, keyRows, updateRows, type ColumnTypes } from './bulk-sql.js';
import type { CheckedRelationship } from './check.js';
import { emptyCounts, type ImportRun } from './run.js';
import type { WriteCounts } from './types.js';

type Tx = ImportRun['ctx']['db'];

// The fields logRelationship keeps history for.
const TRACKED_FIELDS = ['strength', 'kind', 'lastContactOn', 'source', 'visibility', 'note'] as const;
type Tracked = Pick<Relationship, (typeof TRACKED_FIELDS)[number]>;
type Row = Tracked & Pick<Relationship, 'id' | 'memberId' | 'contactId'>;

export interface RelationshipWrite {
  contactId: string;
  /** The contact's account when this transaction created the contact; null lets the database copy it. */
  accountId: string | null;
  relationship: CheckedRelationship;
}

type NewRow = Row & { accountId: string | null };

/** Creates or updates the relationships of a batch in its transaction. */
export async function writeRelationships(tx: Tx, run: ImportRun, writes: RelationshipWrite[]): Promise<WriteCounts> {
  const counts = emptyCounts();
  if (writes.length === 0) return counts;
  const current = await preloadRelationships(tx, run.ctx.tenantId, writes);
  const inserted = new Map<string, NewRow>();
  const updated = new Map<string, { before: Row; after: Row; assertedBy: string }>();

  for (const { contactId, accountId, relationship } of writes) {
    const key = `${relationship.memberId}\u0000${contactId}`;
    const existing = current.get(key);
    const assertedBy = run.actorMemberId ?? relationship.memberId;
    if (!existing) {
      const row = newRelationship(run, contactId, accountId, relationship);
      current.set(key, row);
      inserted.set(key, row);
      counts.created += 1;
      continue;
    }
    const after = relationship.inferred ? raiseInferred(existing, relationship) : applyStated(existing, relationship);
    if (TRACKED_FIELDS.every((field) => after[field] === existing[field])) {
      counts.unchanged += 1;
      continue;
    }
    current.set(key, after);
    counts.updated += 1;
    if (inserted.has(key)) inserted.set(key, { ...after, accountId: inserted.get(key)!.accountId });
    else updated.set(key, { before: updated.get(key)?.before ?? existing, after, assertedBy });
  }

  await insertRelationships(tx, run, [...inserted.values()]);
  await updateRelationships(tx, run, [...updated.values()]);
  return counts;
}

async function preloadRelationships(tx: Tx, tenantId: string, writes: RelationshipWrite[]): Promise<Map<string, Row>> {
  const keys = keyRows({
    member_id: { type: 'uuid', values: writes.map((write) => write.relationship.memberId) },
    contact_id: { type: 'uuid', values: writes.map((write) => write.contactId) },
  });
  const rows = await queryRows<Row>(
    tx,
    sql`select found.* from ${keys} cross join lateral (
          select r.id, r.member_id as "memberId", r.contact_id as "contactId", r.strength, r.kind,
                 r.last_contact_on::text as "lastContactOn", r.source, r.visibility, r.note
            from relationships r
           where r.tenant_id = ${tenantId} and r.member_id = k.member_id and r.contact_id = k.contact_id offset 0) as found`,
  );
  return new Map(rows.map((row) => [`${row.memberId}\u0000${row.contactId}`, row]));
}

function newRelationship(run: ImportRun, contactId: string, accountId: string | null, relationship: CheckedRelationship): NewRow {
  return {
    id: randomUUID(),
    memberId: relationship.memberId,
    contactId,
    accountId,
    strength: relationship.strength,
    kind: relationship.kind ?? 'work',
    lastContactOn: relationship.lastContactOn ?? null,
    source: 'import',
    visibility: relationship.visibility ?? run.defaultVisibility,
    note: relationship.note || null,
  };
}

/** Applies what a row states over what we knew; blank cells keep the stored value and the source stays who first asserted it. */
function applyStated(existing: Row, relationship: CheckedRelationship): Row {
  return {
    ...existing,
    strength: relationship.strength,
    ...(relationship.kind !== undefined && { kind: relationship.kind }),
    ...(relationship.lastContactOn !== undefined && relationship.lastContactOn !== null && { lastContactOn: relationship.lastContactOn }),
    ...(relationship.visibility !== undefined && { visibility: relationship.visibility }),
    ...(relationship.note && { note: relationship.note }),
  };
}

/** Applies what a format implies: it only raises the strength and moves the last contact date forward. */
function raiseInferred(existing: Row, relationship: CheckedRelationship): Row {
  const lastContactOn = relationship.lastContactOn && (!existing.lastContactOn || relationship.lastContactOn > existing.lastContactOn) ? relationship.lastContactOn : existing.lastContactOn;
  return { ...existing, strength: Math.max(existing.strength, relationship.strength), lastContactOn };
}

const RELATIONSHIP_COLUMNS: ColumnTypes = { strength: 'smallint', kind: 'text', last_contact_on: 'date', visibility: 'text', note: 'text', asserted_by: 'uuid' };
const HISTORY_COLUMNS: ColumnTypes = { tenant_id: 'uuid', relationship_id: 'uuid', field: 'text', old_value: 'text', new_value: 'text', changed_by: 'uuid', changed_at: 'timestamptz' };

function columnValues(row: Row, assertedBy: string): Record<string, unknown> {
  return { id: row.id, strength: row.strength, kind: row.kind, last_contact_on: row.lastContactOn, visibility: row.visibility, note: row.note, asserted_by: assertedBy };
}

/**
 * Inserts new relationships and their creation history (a row per tracked field that has a
 * value) in one statement: the history is built from the inserted rows, not sent a second time.
 */
async function insertRelationships(tx: Tx, run: ImportRun, rows: NewRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns: ColumnTypes = { id: 'uuid', tenant_id: 'uuid', member_id: 'uuid', contact_id: 'uuid', account_id: 'uuid', source: 'text', ...RELATIONSHIP_COLUMNS, confirmed_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz' };
  const inserted = insertStatement(
    'relationships',
    columns,
    rows.map((row) => ({
      ...columnValues(row, run.actorMemberId ?? row.memberId),
      tenant_id: run.ctx.tenantId,
      member_id: row.memberId,
      contact_id: row.contactId,
      account_id: row.accountId,
      source: row.source,
      confirmed_at: run.now,
      created_at: run.now,
      updated_at: run.now,
    })),
  );
  // Field names and text values as historyRow writes them (see TRACKED_FIELDS).
  await tx.execute(
    sql`with inserted as (${inserted} returning id, strength, kind, last_contact_on, source, visibility, note, asserted_by)
        insert into relationship_history (tenant_id, relationship_id, field, old_value, new_value, changed_by, changed_at)
        select ${run.ctx.tenantId}::uuid, i.id, h.field, null, h.value, i.asserted_by, ${run.now.toISOString()}::timestamptz
          from inserted i cross join lateral (values ('strength', i.strength::text), ('kind', i.kind), ('lastContactOn', to_char(i.last_contact_on, 'YYYY-MM-DD')),
                                                     ('source', i.source), ('visibility', i.visibility), ('note', i.note)) as h(field, value)
         where h.value is not null`,
  );
}

async function updateRelationships(tx: Tx, run: ImportRun, changes: Array<{ before: Row; after: Row; assertedBy: string }>): Promise<void> {
  if (changes.length === 0) return;
  await updateRows(
    tx,
    'relationships',
    run.ctx.tenantId,
    RELATIONSHIP_COLUMNS,
    changes.map(({ after, assertedBy }) => columnValues(after, assertedBy)),
    sql`, confirmed_at = ${run.now.toISOString()}, updated_at = ${run.now.toISOString()}`,
  );
  const history = changes.flatMap(({ before, after, assertedBy }) =>
    TRACKED_FIELDS.filter((field) => before[field] !== after[field]).map((field) => historyRow(run, after.id, field, before[field], after[field], assertedBy)),
  );
  await insertRows(tx, 'relationship_history', HISTORY_COLUMNS, history);
}

function historyRow(run: ImportRun, relationshipId: string, field: string, oldValue: unknown, newValue: unknown, changedBy: string) {
  return {
    tenant_id: run.ctx.tenantId,
    relationship_id: relationshipId,
    field,
    old_value: oldValue === null || oldValue === undefined ? null : String(oldValue),
    new_value: newValue === null || newValue === undefined ? null : String(newValue),
    changed_by: changedBy,
    changed_at: run.now,
  };
}
