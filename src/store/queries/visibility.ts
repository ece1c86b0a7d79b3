// The visibility rule of src/domain/visibility.ts as SQL conditions on a relationships row
// aliased `r` (with its tenant_id, member_id, visibility and account_id columns).
import { sql, type SQL } from 'drizzle-orm';

/**
 * Condition that the viewer may see relationship `r`, checking deal teams row by row against
 * the account of each relationship's contact. Fits queries over a few contacts of any account.
 */
export function visibleToViewer(viewerId: string | null): SQL {
  if (viewerId === null) return sql`(r.visibility = 'tenant')`;
  return sql`(r.visibility = 'tenant' or r.member_id = ${viewerId} or (r.visibility = 'deal_team' and exists (
            select 1 from deal_team_members v
              join deal_team_members o on o.deal_id = v.deal_id and o.member_id = r.member_id
              join deals d on d.id = v.deal_id and d.tenant_id = r.tenant_id and d.account_id = r.account_id
             where v.member_id = ${viewerId})))`;
}

/**
 * Builds the same condition for relationships that all belong to one account. The viewer's
 * deal-team mates on that account are found once, so a scan over thousands of rows needs no probe
 * per row.
 */
export function visibleToViewerAtAccount(viewerId: string | null, tenantId: string, accountId: string): SQL {
  if (viewerId === null) return sql`(r.visibility = 'tenant')`;
  return sql`(r.visibility = 'tenant' or r.member_id = ${viewerId} or (r.visibility = 'deal_team' and r.member_id in (
            select o.member_id from deals d
              join deal_team_members v on v.deal_id = d.id and v.member_id = ${viewerId}
              join deal_team_members o on o.deal_id = d.id
             where d.tenant_id = ${tenantId} and d.account_id = ${accountId})))`;
}

/** Condition that relationship `r` belongs to an active member, since members who have left us make no introductions. */
export function ownedByActiveMember(tenantId: string): SQL {
  return sql`r.member_id not in (select m.id from members m where m.tenant_id = ${tenantId} and not m.active)`;
}

/** Passes a list of ids as one uuid[] parameter, whatever its length. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
