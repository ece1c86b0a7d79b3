// Reads behind "how to reach": the current reporting lines and influence links within a few
// steps of a target contact, found by probing the contacts at each step, never the account.
import { sql, type SQL } from 'drizzle-orm';

import { queryRows, type Executor } from '../database.js';

// NOTE: a guard against very large neighbourhoods, such as a chief executive with thousands of
// people two steps away. Past this many rows, some paths through that crowd are not considered.
export const MAX_STRUCTURE_ROWS = 5000;

export interface StructureAround {
  lines: Array<{ contactId: string; managerId: string }>;
  links: Array<{ fromContactId: string; toContactId: string; weight: number }>;
  /** Contacts in the lines and links who have left their organisation. */
  leftContactIds: string[];
}

/**
 * Returns the lines and links that touch the target (steps = 1) or the target and the contacts
 * one step from it (steps = 2): everything a path of `steps` structural steps can use.
 */
export async function loadStructureAround(db: Executor, tenantId: string, targetId: string, steps: number): Promise<StructureAround> {
  if (steps < 1) return { lines: [], links: [], leftContactIds: [] };
  const around = steps >= 2 ? sql`select ${targetId}::uuid as id union ${neighboursOf(tenantId, targetId)}` : sql`select ${targetId}::uuid as id`;
  const rows = await queryRows<{ kind: 'line' | 'link'; a: string; b: string; weight: number | null; aLeft: boolean; bLeft: boolean }>(
    db,
    sql`with around as materialized (${around}),
        structure as (
          select 'line' as kind, rl.contact_id as a, rl.manager_id as b, null::float8 as weight
            from around join reporting_lines rl on rl.tenant_id = ${tenantId} and rl.contact_id = around.id and rl.valid_to is null
          union
          select 'line', rl.contact_id, rl.manager_id, null
            from around join reporting_lines rl on rl.tenant_id = ${tenantId} and rl.manager_id = around.id and rl.valid_to is null
          union
          select 'link', il.from_contact_id, il.to_contact_id, il.weight::float8
            from around join influence_links il on il.tenant_id = ${tenantId} and il.from_contact_id = around.id
          union
          select 'link', il.from_contact_id, il.to_contact_id, il.weight::float8
            from around join influence_links il on il.tenant_id = ${tenantId} and il.to_contact_id = around.id
          limit ${MAX_STRUCTURE_ROWS}
        )
        select s.kind, s.a, s.b, s.weight, ca.status = 'left' as "aLeft", cb.status = 'left' as "bLeft"
          from structure s join contacts ca on ca.id = s.a join contacts cb on cb.id = s.b`,
  );

  const lines = rows.filter((row) => row.kind === 'line').map((row) => ({ contactId: row.a, managerId: row.b }));
  const links = rows.filter((row) => row.kind === 'link').map((row) => ({ fromContactId: row.a, toContactId: row.b, weight: Number(row.weight) }));
  const left = new Set(rows.flatMap((row) => [...(row.aLeft ? [row.a] : []), ...(row.bLeft ? [row.b] : [])]));
  return { lines, links, leftContactIds: [...left] };
}

function neighboursOf(tenantId: string, contactId: string): SQL {
  return sql`select rl.manager_id from reporting_lines rl where rl.tenant_id = ${tenantId} and rl.contact_id = ${contactId} and rl.valid_to is null
             union select rl.contact_id from reporting_lines rl where rl.tenant_id = ${tenantId} and rl.manager_id = ${contactId} and rl.valid_to is null
             union select il.from_contact_id from influence_links il where il.tenant_id = ${tenantId} and il.to_contact_id = ${contactId}
             union select il.to_contact_id from influence_links il where il.tenant_id = ${tenantId} and il.from_contact_id = ${contactId}`;
}
