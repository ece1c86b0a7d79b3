// Reads behind "who knows whom": an account's known contacts with their ranking inputs, the
// relationships of given contacts or of a member as a viewer may see them, and contact details.
import { sql } from 'drizzle-orm';

import { queryRows, type Executor } from '../database.js';
import type { Viewpoint } from '../../domain/charter.js';
import { existenceOnlyToViewer, ownedByActiveMember, showsExistence, uuidArray, visibleToViewer, visibleToViewerAtAccount } from './visibility.js';

export interface ContactRow {
  id: string;
  name: string | null;
  title: string | null;
  department: string | null;
  unit: string | null;
  seniority: string | null;
  status: 'active' | 'left';
  accountId: string;
  accountName: string;
}

export interface RelationshipRow {
  memberId: string;
  memberName: string;
  contactId: string;
  strength: number;
  kind: string;
  lastContactOn: string | null;
  visibility: 'private' | 'deal_team' | 'tenant';
}

export interface KnownContactRow {
  id: string;
  title: string | null;
  seniority: string | null;
  normalizedName: string;
  /** Relationships with the contact that the viewer may see in full. */
  knownBy: number;
  /** Whether someone else knows the contact through a relationship the viewer may only know exists. */
  othersKnow: boolean;
  /** Sum of the weights of the influence links that start from the contact. */
  influenceWeight: number;
}

const contactColumns = sql`c.id, c.name, c.title, c.department, c.unit, c.seniority, c.status,
  c.account_id as "accountId", a.name as "accountName"`;

/**
 * Returns the number of active contacts at an account and those of them that someone of ours
 * knows, as the viewer may see it. Reads index ranges only (contacts_account_cover_idx,
 * relationships_account_idx, influence_links_account_idx).
 */
export async function loadKnownContactsAt(db: Executor, tenantId: string, accountId: string, viewpoint: Viewpoint): Promise<{ total: number; known: KnownContactRow[] }> {
  const full = visibleToViewerAtAccount(viewpoint, accountId);
  const existence = existenceOnlyToViewer(viewpoint, accountId);
  // Without existence-only relationships the simpler count keeps the scan on the index alone.
  const counts = showsExistence(viewpoint)
    ? sql`(count(*) filter (where ${full}))::int as known_by, bool_or(${existence}) as others_know`
    : sql`count(*)::int as known_by, false as others_know`;
  const condition = showsExistence(viewpoint) ? sql`(${full} or ${existence})` : full;
  const rows = await queryRows<{ total: number } & Partial<KnownContactRow>>(
    db,
    sql`with acct as materialized (
          select c.id, c.title, c.seniority, c.normalized_name from contacts c
           where c.tenant_id = ${tenantId} and c.account_id = ${accountId} and c.status = 'active'
        ),
        known as (
          select r.contact_id as id, ${counts} from relationships r
           where r.tenant_id = ${tenantId} and r.account_id = ${accountId}
             and ${condition} and ${ownedByActiveMember(tenantId)}
           group by r.contact_id
        ),
        centrality as (
          select il.from_contact_id as id, sum(il.weight)::float8 as weight from influence_links il
           where il.tenant_id = ${tenantId} and il.account_id = ${accountId}
           group by il.from_contact_id
        )
        select t.total, k.id, k.title, k.seniority, k.normalized_name as "normalizedName", k.known_by as "knownBy",
               k.others_know as "othersKnow", k.weight as "influenceWeight"
          from (select count(*)::int as total from acct) t
          left join (
            select a.id, a.title, a.seniority, a.normalized_name, known.known_by, known.others_know, coalesce(ce.weight, 0)::float8 as weight
              from known join acct a on a.id = known.id left join centrality ce on ce.id = known.id
          ) k on true`,
  );
  const total = Number(rows[0]?.total ?? 0);
  const known = rows
    .filter((row) => row.id)
    .map((row) => ({ ...(row as KnownContactRow), knownBy: Number(row.knownBy), othersKnow: row.othersKnow === true, influenceWeight: Number(row.influenceWeight) }));
  return { total, known };
}

/** Returns the current reporting lines between contacts of an account. */
export async function loadReportingLinesAt(db: Executor, tenantId: string, accountId: string): Promise<Array<{ contactId: string; managerId: string }>> {
  return queryRows(
    db,
    sql`select rl.contact_id as "contactId", rl.manager_id as "managerId" from reporting_lines rl
         where rl.tenant_id = ${tenantId} and rl.account_id = ${accountId} and rl.valid_to is null`,
  );
}

/** Returns the relationships of our active members with these contacts that the viewer may see in full. */
export async function loadRelationshipsWith(db: Executor, tenantId: string, contactIds: readonly string[], viewpoint: Viewpoint): Promise<RelationshipRow[]> {
  if (contactIds.length === 0) return [];
  const rows = await queryRows<RelationshipRow>(
    db,
    sql`select r.member_id as "memberId", m.name as "memberName", r.contact_id as "contactId", r.strength, r.kind,
               r.last_contact_on::text as "lastContactOn", r.visibility
          from relationships r join members m on m.id = r.member_id and m.active
         where r.tenant_id = ${tenantId} and r.contact_id = any(${uuidArray(contactIds)}) and ${visibleToViewer(viewpoint)}`,
  );
  return rows.map((row) => ({ ...row, strength: Number(row.strength) }));
}

/** Returns, of these contacts, those someone knows through a relationship the viewer may only know exists. */
export async function loadContactsKnownToOthers(db: Executor, tenantId: string, contactIds: readonly string[], viewpoint: Viewpoint): Promise<Set<string>> {
  if (contactIds.length === 0 || !showsExistence(viewpoint)) return new Set();
  const rows = await queryRows<{ contactId: string }>(
    db,
    sql`select distinct r.contact_id as "contactId" from relationships r
         where r.tenant_id = ${tenantId} and r.contact_id = any(${uuidArray(contactIds)}) and ${existenceOnlyToViewer(viewpoint)}`,
  );
  return new Set(rows.map((row) => row.contactId));
}

/** Returns the owners of the relationships with a contact that the viewer may only know exist. */
export async function loadHiddenOwners(db: Executor, tenantId: string, contactId: string, viewpoint: Viewpoint): Promise<string[]> {
  if (!showsExistence(viewpoint)) return [];
  const rows = await queryRows<{ memberId: string }>(
    db,
    sql`select r.member_id as "memberId" from relationships r
         where r.tenant_id = ${tenantId} and r.contact_id = ${contactId} and ${existenceOnlyToViewer(viewpoint)}
         order by r.strength desc, r.member_id`,
  );
  return rows.map((row) => row.memberId);
}

/** Returns a member's relationships that the viewer may see, optionally at one account, with the contacts' details. */
export async function loadRelationshipsOf(
  db: Executor,
  tenantId: string,
  memberId: string,
  viewpoint: Viewpoint,
  accountId: string | null,
): Promise<Array<RelationshipRow & { contact: ContactRow }>> {
  const accountFilter = accountId ? sql`and r.account_id = ${accountId}` : sql``;
  const rows = await queryRows<RelationshipRow & ContactRow & { contactId: string }>(
    db,
    sql`select r.member_id as "memberId", m.name as "memberName", r.contact_id as "contactId", r.strength, r.kind,
               r.last_contact_on::text as "lastContactOn", r.visibility, ${contactColumns}
          from relationships r
          join members m on m.id = r.member_id
          join contacts c on c.id = r.contact_id
          join accounts a on a.id = c.account_id
         where r.tenant_id = ${tenantId} and r.member_id = ${memberId} ${accountFilter} and ${visibleToViewer(viewpoint)}`,
  );
  return rows.map((row) => ({
    memberId: row.memberId,
    memberName: row.memberName,
    contactId: row.contactId,
    strength: Number(row.strength),
    kind: row.kind,
    lastContactOn: row.lastContactOn,
    visibility: row.visibility,
    contact: {
      id: row.id,
      name: row.name,
      title: row.title,
      department: row.department,
      unit: row.unit,
      seniority: row.seniority,
      status: row.status,
      accountId: row.accountId,
      accountName: row.accountName,
    },
  }));
}

/** Returns the details of these contacts, in no particular order. */
export async function loadContacts(db: Executor, tenantId: string, contactIds: readonly string[]): Promise<ContactRow[]> {
  if (contactIds.length === 0) return [];
  return queryRows<ContactRow>(
    db,
    sql`select ${contactColumns} from contacts c join accounts a on a.id = c.account_id
         where c.tenant_id = ${tenantId} and c.id = any(${uuidArray(contactIds)})`,
  );
}
