// Bulk statements of the import. Rows and keys travel as one parameter each (a JSON document or a
// Postgres array literal). A statement with thousands of parameters costs far more to prepare
// than one that unpacks a single value: about ten times as long for a 500-row insert through
// postgres.js, measured on a local Postgres.
import { sql, type SQL } from 'drizzle-orm';

import type { Executor } from '../../store/database.js';

export type ColumnType = 'uuid' | 'text' | 'date' | 'timestamptz' | 'smallint' | 'real';
export type ColumnTypes = Record<string, ColumnType>;

/** Returns a Postgres array literal of the values, to cast in SQL: `${arrayLiteral(ids)}::uuid[]`. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * Returns the FROM item `unnest(...) as k(name, ...)`: one row per key, the lists zipped side by side.
 * Callers look each key up in a `cross join lateral (... offset 0)` subquery. The offset keeps
 * the subquery from being merged into a join, so every key is one index lookup even right after
 * a bulk insert, when stale statistics make the planner scan the whole tenant instead.
 */
export function keyRows(keys: Record<string, { type: 'uuid' | 'text'; values: readonly string[] }>): SQL {
  const entries = Object.entries(keys);
  const lists = sql.join(
    entries.map(([, key]) => sql`${arrayLiteral(key.values)}::${sql.raw(key.type)}[]`),
    sql`, `,
  );
  return sql`unnest(${lists}) as k(${sql.raw(entries.map(([name]) => name).join(', '))})`;
}

function recordsetColumns(columns: ColumnTypes): SQL {
  return sql.raw(Object.entries(columns).map(([name, type]) => `${name} ${type}`).join(', '));
}

/**
 * Returns the statement `insert into table (...) select ... from <rows>`. `columns` names each
 * column (snake_case, as in the database) and its type; each row gives a value per column under
 * that name.
 */
export function insertStatement(table: string, columns: ColumnTypes, rows: Array<Record<string, unknown>>): SQL {
  const names = sql.raw(Object.keys(columns).join(', '));
  return sql`insert into ${sql.raw(table)} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(${recordsetColumns(columns)})`;
}

/** Inserts rows into a table, as insertStatement describes them. */
export async function insertRows(db: Executor, table: string, columns: ColumnTypes, rows: Array<Record<string, unknown>>): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(insertStatement(table, columns, rows));
}

/**
 * Updates rows of a table by id, in the tenant: each row sets the listed columns. `extra` is
 * appended to the SET list (an updated_at, for instance).
 */
export async function updateRows(db: Executor, table: string, tenantId: string, columns: ColumnTypes, rows: Array<Record<string, unknown>>, extra: SQL = sql``): Promise<void> {
  if (rows.length === 0) return;
  const assignments = sql.raw(Object.keys(columns).map((name) => `${name} = v.${name}`).join(', '));
  await db.execute(
    sql`update ${sql.raw(table)} as t set ${assignments} ${extra}
          from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, ${recordsetColumns(columns)})
         where t.id = v.id and t.tenant_id = ${tenantId}`,
  );
}
