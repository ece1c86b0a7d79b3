// Loads what coverage, recommendations and power maps work on: a deal's committee (or an
// account's), the account's people and structure, and the relationships the viewer may see.
import { and, eq } from 'drizzle-orm';

import type { Attitude, CommitteeSeat, InfluenceLevel } from '../../domain/coverage.js';
import {
  loadAccountInfluence,
  loadAccountPeople,
  loadCommittees,
  loadDealTeams,
  loadOpenAssignments,
  loadAccountTies,
  type CommitteeRow,
  type InfluenceRow,
  type OpenAssignmentRow,
  type StructureContactRow,
  type TeamRow,
  type TieRow,
} from '../../store/queries/deals.js';
import { accounts, deals } from '../../store/schema.js';
import { viewpointOf } from '../charter/policy.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

type ReadContext = Pick<AppContext, 'db' | 'tenantId' | 'actor'>;

export interface ScopePerson extends StructureContactRow {
  /** Name, or title when the name is unknown. */
  label: string;
}

export interface Seat extends CommitteeSeat {
  person: ScopePerson;
  motivations: string | null;
  motivationTags: string[];
}

export interface CoverageScope {
  kind: 'deal' | 'account';
  account: { id: string; name: string };
  deal: { id: string; name: string; stage: string; status: string } | null;
  /** Deals whose committees make up the seats. */
  dealIds: string[];
  seats: Seat[];
  team: TeamRow[];
  /** Active contacts of the account. */
  people: ScopePerson[];
  influence: InfluenceRow[];
  /** Visible relationships with any active contact of the account. */
  ties: TieRow[];
  memberNames: Map<string, string>;
  assigned: OpenAssignmentRow[];
}

/** Loads the scope of one deal. */
export async function loadDealScope(ctx: ReadContext, dealId: string): Promise<CoverageScope> {
  const [row] = await ctx.db
    .select({ deal: deals, accountName: accounts.name })
    .from(deals)
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.id, dealId)));
  if (!row) throw new AppError('not_found', 'deals.errors.gone');
  const { deal } = row;
  const committee = await loadCommittees(ctx.db, ctx.tenantId, [deal.id]);
  const base = await loadAccountBase(ctx, deal.accountId, committee);
  return {
    kind: 'deal',
    account: { id: deal.accountId, name: row.accountName },
    deal: { id: deal.id, name: deal.name, stage: deal.stage, status: deal.status },
    dealIds: [deal.id],
    seats: toSeats(committee, base),
    team: await loadDealTeams(ctx.db, ctx.tenantId, [deal.id]),
    assigned: await loadOpenAssignments(ctx.db, ctx.tenantId, [deal.id]),
    ...base,
  };
}

/**
 * Loads the scope of an account: the committees of its open deals, one seat per contact (the
 * first deal's role and attitude win). Seats are empty when no open deal has a committee.
 */
export async function loadAccountScope(ctx: ReadContext, accountId: string): Promise<CoverageScope> {
  const [account] = await ctx.db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(and(eq(accounts.tenantId, ctx.tenantId), eq(accounts.id, accountId)));
  if (!account) throw new AppError('not_found', 'lookup.notFound.account', { query: accountId });
  const openDeals = await ctx.db
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.accountId, accountId), eq(deals.status, 'open')))
    .orderBy(deals.createdAt);
  const dealIds = openDeals.map((deal) => deal.id);
  const committee = await loadCommittees(ctx.db, ctx.tenantId, dealIds);
  const base = await loadAccountBase(ctx, accountId, committee);
  const firstPerContact = new Map<string, CommitteeRow>();
  for (const row of committee) if (!firstPerContact.has(row.contactId)) firstPerContact.set(row.contactId, row);
  return {
    kind: 'account',
    account,
    deal: null,
    dealIds,
    seats: toSeats([...firstPerContact.values()], base),
    team: await loadDealTeams(ctx.db, ctx.tenantId, dealIds),
    assigned: [],
    ...base,
  };
}

// Committee members who have left the account are not among its active people, but their
// relationships still count for the committee.
async function loadAccountBase(ctx: ReadContext, accountId: string, committee: CommitteeRow[]) {
  const rows = await loadAccountPeople(ctx.db, ctx.tenantId, accountId);
  const people = rows.map((row) => ({ ...row, label: row.name ?? row.title ?? '?' }));
  const active = new Set(people.map((person) => person.id));
  const departed = [...new Set(committee.map((row) => row.contactId))].filter((id) => !active.has(id));
  const ties = await loadAccountTies(ctx.db, ctx.tenantId, accountId, await viewpointOf(ctx), departed);
  const influence = await loadAccountInfluence(ctx.db, ctx.tenantId, accountId);
  const memberNames = new Map(ties.map((tie) => [tie.memberId, tie.memberName]));
  return { people, ties, influence, memberNames };
}

function toSeats(committee: CommitteeRow[], base: { people: ScopePerson[]; ties: TieRow[] }): Seat[] {
  const peopleById = new Map(base.people.map((person) => [person.id, person]));
  const tiesByContact = groupTies(base.ties);
  return committee.map((row) => ({
    contactId: row.contactId,
    role: row.role,
    attitude: row.attitude as Attitude,
    influence: row.influence as InfluenceLevel,
    ties: tiesByContact.get(row.contactId) ?? [],
    person: peopleById.get(row.contactId) ?? { id: row.contactId, name: row.name, title: row.title, seniority: row.seniority, department: null, unit: null, managerId: null, label: row.name ?? row.title ?? '?' },
    motivations: row.motivations,
    motivationTags: row.motivationTags ?? [],
  }));
}

/** Ties grouped by contact, in the shape the coverage model takes. */
export function groupTies(ties: TieRow[]): Map<string, CommitteeSeat['ties']> {
  const grouped = new Map<string, CommitteeSeat['ties']>();
  for (const tie of ties) {
    const list = grouped.get(tie.contactId) ?? [];
    list.push({ memberId: tie.memberId, strength: Number(tie.strength), lastContactOn: tie.lastContactOn });
    grouped.set(tie.contactId, list);
  }
  return grouped;
}
