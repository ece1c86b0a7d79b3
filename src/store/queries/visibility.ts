// The charter policy of src/domain/charter.ts as SQL conditions on a relationships row aliased `r`
// (with its tenant_id, member_id, visibility and account_id columns). Every read query that shows
// relationships builds its condition here from the viewer's Viewpoint.
import { sql, type SQL } from 'drizzle-orm';

import type { DealTeamRule, Viewpoint } from '../../domain/charter.js';

/**
 * Condition that the viewer sees relationship `r` in full, checking deal teams row by row against
 * the account of each relationship's contact. Fits queries over a few contacts of any account.
 */
export function visibleToViewer(viewpoint: Viewpoint): SQL {
  return fullCondition(viewpoint, dealTeamByRow(viewpoint.viewerId, viewpoint.rules.dealTeam));
}

/**
 * Builds the same condition for relationships that all belong to one account. The viewer's
 * deal-team mates on that account are found once, so a scan over thousands of rows needs no probe
 * per row.
 */
export function visibleToViewerAtAccount(viewpoint: Viewpoint, accountId: string): SQL {
  return fullCondition(viewpoint, dealTeamAtAccount(viewpoint, accountId));
}

/**
 * Condition that the viewer learns only that relationship `r` exists ("someone in our team knows
 * this person"). Always false for the anonymous viewer and when the tenant shows hidden
 * relationships as nothing.
 */
export function existenceOnlyToViewer(viewpoint: Viewpoint, accountId?: string): SQL {
  const { viewerId } = viewpoint;
  if (viewerId === null || viewpoint.rules.hiddenRelationships !== 'existence') return sql`false`;
  const dealTeam = accountId ? dealTeamAtAccount(viewpoint, accountId) : dealTeamByRow(viewerId, viewpoint.rules.dealTeam);
  return sql`(r.member_id <> ${viewerId} and ${ownerShares(viewpoint)}
             and not (r.visibility = 'tenant' or (r.visibility = 'deal_team' and ${dealTeam})))`;
}

/** Checks whether the viewpoint can yield existence-only relationships at all, so queries skip that work otherwise. */
export function showsExistence(viewpoint: Viewpoint): boolean {
  return viewpoint.viewerId !== null && viewpoint.rules.hiddenRelationships === 'existence';
}

/**
 * Condition that the owner of `r` shares anything with others: active, not opted out, and, when
 * the charter must be accepted, having accepted its current version.
 */
export function ownerShares(viewpoint: Viewpoint): SQL {
  const { tenantId } = viewpoint;
  const accepted = viewpoint.rules.requireAcceptance
    ? sql` and r.member_id in (select ca.member_id from charter_acceptances ca where ca.tenant_id = ${tenantId} and ca.version = ${viewpoint.charterVersion})`
    : sql``;
  return sql`(${ownedByActiveMember(tenantId)}
          and r.member_id not in (select co.member_id from charter_opt_outs co where co.tenant_id = ${tenantId})${accepted})`;
}

/** Condition that relationship `r` belongs to an active member, since members who have left us make no introductions. */
export function ownedByActiveMember(tenantId: string): SQL {
  return sql`r.member_id not in (select m.id from members m where m.tenant_id = ${tenantId} and not m.active)`;
}

/** Passes a list of ids as one uuid[] parameter, whatever its length. */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

function fullCondition(viewpoint: Viewpoint, dealTeam: SQL): SQL {
  const { viewerId } = viewpoint;
  if (viewerId === null) return sql`(r.visibility = 'tenant' and ${ownerShares(viewpoint)})`;
  return sql`(r.member_id = ${viewerId} or (${ownerShares(viewpoint)}
            and (r.visibility = 'tenant' or (r.visibility = 'deal_team' and ${dealTeam}))))`;
}

function dealTeamByRow(viewerId: string | null, rule: DealTeamRule): SQL {
  if (viewerId === null) return sql`false`;
  const open = rule === 'same_deal' ? sql`` : sql` and d.status = 'open'`;
  if (rule === 'account_open_deals') {
    return sql`exists (select 1 from deal_team_members v
              join deals d on d.id = v.deal_id and d.tenant_id = r.tenant_id and d.account_id = r.account_id${open}
             where v.member_id = ${viewerId})`;
  }
  return sql`exists (select 1 from deal_team_members v
            join deal_team_members o on o.deal_id = v.deal_id and o.member_id = r.member_id
            join deals d on d.id = v.deal_id and d.tenant_id = r.tenant_id and d.account_id = r.account_id${open}
           where v.member_id = ${viewerId})`;
}

function dealTeamAtAccount(viewpoint: Viewpoint, accountId: string): SQL {
  const { viewerId, tenantId } = viewpoint;
  if (viewerId === null) return sql`false`;
  const rule = viewpoint.rules.dealTeam;
  const open = rule === 'same_deal' ? sql`` : sql` and d.status = 'open'`;
  if (rule === 'account_open_deals') {
    return sql`exists (select 1 from deals d join deal_team_members v on v.deal_id = d.id and v.member_id = ${viewerId}
             where d.tenant_id = ${tenantId} and d.account_id = ${accountId}${open})`;
  }
  return sql`r.member_id in (
            select o.member_id from deals d
              join deal_team_members v on v.deal_id = d.id and v.member_id = ${viewerId}
              join deal_team_members o on o.deal_id = d.id
             where d.tenant_id = ${tenantId} and d.account_id = ${accountId}${open})`;
}
