// Reads behind deals and coverage: deal name search, committees, deal teams, the relationships
// a viewer may see with given contacts, and an account's reporting lines and influence links.
import { sql } from 'drizzle-orm';

import { queryRows, type Executor } from '../database.js';
import type { NameCandidate } from './lookup.js';
import type { Viewpoint } from '../../domain/charter.js';
import { uuidArray, visibleToViewer, visibleToViewerAtAccount } from './visibility.js';

function likePattern(normalized: string): string {
  return `%${normalized.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface DealCandidate extends NameCandidate {
  accountId: string;
}

/** Deals whose name is like the query, best first; `detail` is the account name. */
export async function searchDealNames(
  db: Executor,
  tenantId: string,
  normalized: string,
  options: { accountId?: string; limit?: number } = {},
): Promise<DealCandidate[]> {
  const pattern = likePattern(normalized);
  const accountFilter = options.accountId ? sql`and d.account_id = ${options.accountId}` : sql``;
  return queryRows<DealCandidate>(
    db,
    sql`select d.id, d.name as label, d.normalized_name as normalized,
               similarity(d.normalized_name, ${normalized})::float8 as score, a.name as detail, d.account_id as "accountId"
          from deals d join accounts a on a.id = d.account_id
         where d.tenant_id = ${tenantId} ${accountFilter}
           and (d.normalized_name % ${normalized} or d.normalized_name like ${pattern} or ${normalized} <% d.normalized_name)
         order by (d.normalized_name = ${normalized}) desc, (d.status = 'open') desc, score desc, label
         limit ${options.limit ?? 8}`,
  );
}

export interface CommitteeRow {
  dealId: string;
  contactId: string;
  role: string;
  attitude: string;
  influence: 'high' | 'medium' | 'low';
  motivations: string | null;
  motivationTags: string[];
  name: string | null;
  title: string | null;
  seniority: string | null;
  status: 'active' | 'left';
}

/** Buying-committee members of the given deals with their contact fields. */
export async function loadCommittees(db: Executor, tenantId: string, dealIds: string[]): Promise<CommitteeRow[]> {
  if (dealIds.length === 0) return [];
  return queryRows<CommitteeRow>(
    db,
    sql`select b.deal_id as "dealId", b.contact_id as "contactId", b.role, b.attitude, b.influence,
               b.motivations, b.motivation_tags as "motivationTags",
               c.name, c.title, c.seniority, c.status
          from buying_committee_members b
          join deals d on d.id = b.deal_id
          join contacts c on c.id = b.contact_id
         where d.tenant_id = ${tenantId} and b.deal_id = any(${uuidArray(dealIds)})
         order by b.deal_id, b.created_at, c.normalized_name`,
  );
}

export interface TeamRow {
  dealId: string;
  memberId: string;
  name: string;
  role: string;
}

/** Deal-team members of the given deals. */
export async function loadDealTeams(db: Executor, tenantId: string, dealIds: string[]): Promise<TeamRow[]> {
  if (dealIds.length === 0) return [];
  return queryRows<TeamRow>(
    db,
    sql`select t.deal_id as "dealId", t.member_id as "memberId", m.name, t.role
          from deal_team_members t
          join deals d on d.id = t.deal_id
          join members m on m.id = t.member_id
         where d.tenant_id = ${tenantId} and t.deal_id = any(${uuidArray(dealIds)})
         order by t.deal_id, t.created_at, m.normalized_name`,
  );
}

export interface TieRow {
  contactId: string;
  memberId: string;
  memberName: string;
  strength: number;
  lastContactOn: string | null;
}

/**
 * Relationships of active members with the given contacts that the viewer may see in full (the
 * charter policy of src/domain/charter.ts).
 */
export async function loadVisibleTies(db: Executor, tenantId: string, contactIds: string[], viewpoint: Viewpoint): Promise<TieRow[]> {
  if (contactIds.length === 0) return [];
  return queryRows<TieRow>(
    db,
    sql`select r.contact_id as "contactId", r.member_id as "memberId", m.name as "memberName", r.strength,
               to_char(r.last_contact_on, 'YYYY-MM-DD') as "lastContactOn"
          from relationships r join members m on m.id = r.member_id and m.active
         where r.tenant_id = ${tenantId} and r.contact_id = any(${uuidArray(contactIds)}) and ${visibleToViewer(viewpoint)}`,
  );
}

/**
 * Relationships the viewer may see with anyone of an account, plus the given contacts (people
 * who left the account but stay on a committee). The viewer's deal-team mates are looked up once.
 */
export async function loadAccountTies(db: Executor, tenantId: string, accountId: string, viewpoint: Viewpoint, extraContactIds: string[] = []): Promise<TieRow[]> {
  const extra = extraContactIds.length > 0 ? sql`or r.contact_id = any(${uuidArray(extraContactIds)})` : sql``;
  return queryRows<TieRow>(
    db,
    sql`select r.contact_id as "contactId", r.member_id as "memberId", m.name as "memberName", r.strength,
               to_char(r.last_contact_on, 'YYYY-MM-DD') as "lastContactOn"
          from relationships r join members m on m.id = r.member_id and m.active
         where r.tenant_id = ${tenantId} and (r.account_id = ${accountId} ${extra})
           and ${visibleToViewerAtAccount(viewpoint, accountId)}`,
  );
}

export interface StructureContactRow {
  id: string;
  name: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  unit: string | null;
  managerId: string | null;
}

/** Active contacts of an account with their current manager. */
export async function loadAccountPeople(db: Executor, tenantId: string, accountId: string): Promise<StructureContactRow[]> {
  return queryRows<StructureContactRow>(
    db,
    sql`select c.id, c.name, c.title, c.seniority, c.department, c.unit, rl.manager_id as "managerId"
          from contacts c
          left join reporting_lines rl on rl.contact_id = c.id and rl.valid_to is null and rl.tenant_id = ${tenantId}
         where c.tenant_id = ${tenantId} and c.account_id = ${accountId} and c.status = 'active'
         order by c.normalized_name`,
  );
}

export interface InfluenceRow {
  fromContactId: string;
  toContactId: string;
  weight: number;
}

/** Influence links between contacts of an account (a link joins two people of one account). */
export async function loadAccountInfluence(db: Executor, tenantId: string, accountId: string): Promise<InfluenceRow[]> {
  return queryRows<InfluenceRow>(
    db,
    sql`select l.from_contact_id as "fromContactId", l.to_contact_id as "toContactId", l.weight::float8 as weight
          from influence_links l
         where l.tenant_id = ${tenantId} and l.account_id = ${accountId}`,
  );
}

export interface OpenAssignmentRow {
  id: string;
  dealId: string;
  contactId: string;
  memberId: string;
  memberName: string;
}

/** Open outreach assignments of the given deals. */
export async function loadOpenAssignments(db: Executor, tenantId: string, dealIds: string[]): Promise<OpenAssignmentRow[]> {
  if (dealIds.length === 0) return [];
  return queryRows<OpenAssignmentRow>(
    db,
    sql`select o.id, o.deal_id as "dealId", o.contact_id as "contactId", o.member_id as "memberId", m.name as "memberName"
          from outreach_assignments o join members m on m.id = o.member_id
         where o.tenant_id = ${tenantId} and o.status = 'open' and o.deal_id = any(${uuidArray(dealIds)})`,
  );
}
