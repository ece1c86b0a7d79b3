// Reads behind the contact list of an account: one page in name order, with how many of our
// members the viewer sees knowing each contact, and each contact's current manager.
import { sql } from 'drizzle-orm';

import { queryRows, type Executor } from '../database.js';
import type { Viewpoint } from '../../domain/charter.js';
import { existenceOnlyToViewer, ownedByActiveMember, showsExistence, visibleToViewerAtAccount } from './visibility.js';
import type { ContactRow } from './who-knows.js';

export interface ListedContactRow extends ContactRow {
  knownByCount: number;
  /** Whether someone else knows the contact through a relationship the viewer may only know exists. */
  othersKnow: boolean;
  managerLabel: string | null;
}

/** Returns one page of an account's contacts (those who left included) and the account's contact count. */
export async function loadAccountContactsPage(
  db: Executor,
  tenantId: string,
  accountId: string,
  viewpoint: Viewpoint,
  page: { offset: number; limit: number },
): Promise<{ total: number; rows: ListedContactRow[] }> {
  const [count] = await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from contacts c where c.tenant_id = ${tenantId} and c.account_id = ${accountId}`,
  );
  const rows = await queryRows<ListedContactRow>(
    db,
    sql`select c.id, c.name, c.title, c.department, c.unit, c.seniority, c.status,
               c.account_id as "accountId", a.name as "accountName",
               (select count(*)::int from relationships r
                 where r.tenant_id = ${tenantId} and r.contact_id = c.id
                   and ${visibleToViewerAtAccount(viewpoint, accountId)} and ${ownedByActiveMember(tenantId)}) as "knownByCount",
               ${othersKnowColumn(tenantId, accountId, viewpoint)} as "othersKnow",
               (select coalesce(mc.name, mc.title) from reporting_lines rl join contacts mc on mc.id = rl.manager_id
                 where rl.tenant_id = ${tenantId} and rl.contact_id = c.id and rl.valid_to is null) as "managerLabel"
          from contacts c join accounts a on a.id = c.account_id
         where c.tenant_id = ${tenantId} and c.account_id = ${accountId}
         order by c.normalized_name, c.id
         offset ${page.offset} limit ${page.limit}`,
  );
  return { total: Number(count?.total ?? 0), rows: rows.map((row) => ({ ...row, knownByCount: Number(row.knownByCount), othersKnow: row.othersKnow === true })) };
}

function othersKnowColumn(tenantId: string, accountId: string, viewpoint: Viewpoint) {
  if (!showsExistence(viewpoint)) return sql`false`;
  return sql`exists (select 1 from relationships r where r.tenant_id = ${tenantId} and r.contact_id = c.id
                       and ${existenceOnlyToViewer(viewpoint, accountId)})`;
}
