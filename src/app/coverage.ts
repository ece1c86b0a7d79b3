// Coverage use cases: for a deal or an account, each committee member's coverage, the gaps,
// the score, and whom to reach and whom to send. Viewer-aware: only relationships the charter
// lets the viewer see in full count, so a private relationship never shows up in someone else's
// coverage.
import { and, eq } from 'drizzle-orm';

import { assessCoverage, type CommitteeSeat, type CoverageAssessment, type CoveragePolicy, type InfluenceLevel, type SeatCoverage } from '../domain/coverage.js';
import { addColleagueRoutes, chooseSenders, rankTargets, type InfluenceProfile, type Recommendation, type ScoredRoute } from '../domain/recommendations.js';
import { loadCommittees, loadVisibleTies } from '../store/queries/deals.js';
import { deals } from '../store/schema.js';
import { recordAudit } from './audit.js';
import { viewpointOf } from './charter/policy.js';
import type { AppContext } from './context.js';
import { resolveDeal, resolveDealOrAccount } from './deals/lookup.js';
import { profileContacts, routesTo, stepsOf } from './deals/routes.js';
import { groupTies, loadAccountScope, loadDealScope, type CoverageScope, type ScopePerson, type Seat } from './deals/scope.js';
import { resolveAccount } from './lookup.js';
import { readTenantSettings, type TenantSettings } from './settings.js';

type ReadContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'logger'>;

export interface CoverageReport {
  scope: CoverageScope;
  /** "committee" when seats are committee members; "influential" for an account without any. */
  basis: 'committee' | 'influential';
  seats: Array<{ seat: Seat; coverage: SeatCoverage; profile: InfluenceProfile }>;
  assessment: CoverageAssessment;
  recommendations: Recommendation[];
  settings: TenantSettings;
  today: string;
}

/** Coverage of a deal or an account named by the user; a deal name wins over an account name. */
export async function coverageFor(ctx: ReadContext, query: string, options: { account?: string } = {}): Promise<CoverageReport> {
  if (options.account) {
    const deal = await resolveDeal(ctx, query, options);
    await recordAudit(ctx, { action: 'lookup.coverage', targetType: 'deal', targetId: deal.id });
    return dealCoverage(ctx, deal.id);
  }
  const target = await resolveDealOrAccount(ctx, query);
  const targetId = target.type === 'deal' ? target.deal.id : target.account.id;
  await recordAudit(ctx, { action: 'lookup.coverage', targetType: target.type, targetId });
  return target.type === 'deal' ? dealCoverage(ctx, targetId) : accountCoverage(ctx, targetId);
}

/** Coverage of one deal's buying committee. */
export async function dealCoverage(ctx: ReadContext, dealId: string): Promise<CoverageReport> {
  const [scope, settings] = [await loadDealScope(ctx, dealId), await readTenantSettings(ctx)];
  return buildReport(scope, settings, 'committee', today(ctx));
}

/**
 * Coverage of an account: the committees of its open deals, or, when none has one, its most
 * influential contacts (the `accountContactLimit` with the highest structural influence).
 */
export async function accountCoverage(ctx: ReadContext, accountId: string): Promise<CoverageReport> {
  const [scope, settings] = [await loadAccountScope(ctx, accountId), await readTenantSettings(ctx)];
  if (scope.seats.length > 0) return buildReport(scope, settings, 'committee', today(ctx));
  const profiles = profileContacts(scope.people, scope.influence);
  const tiesByContact = groupTies(scope.ties);
  const influential = [...scope.people]
    .sort((a, b) => profiles.get(b.id)!.score - profiles.get(a.id)!.score || a.label.localeCompare(b.label))
    .slice(0, settings.coverage.accountContactLimit);
  scope.seats = influential.map((person) => influentialSeat(person, profiles.get(person.id)!, tiesByContact.get(person.id) ?? []));
  return buildReport(scope, settings, 'influential', today(ctx));
}

/** Structural influence read as a rated level: 0.6 and above is high, 0.3 and above medium. */
export function influenceLevelOf(profile: InfluenceProfile): InfluenceLevel {
  return profile.score >= 0.6 ? 'high' : profile.score >= 0.3 ? 'medium' : 'low';
}

function influentialSeat(person: ScopePerson, profile: InfluenceProfile, ties: CommitteeSeat['ties']): Seat {
  return { contactId: person.id, role: null, attitude: null, influence: influenceLevelOf(profile), ties, person, motivations: null, motivationTags: [] };
}

function today(ctx: Pick<AppContext, 'now'>): string {
  return ctx.now().toISOString().slice(0, 10);
}

function buildReport(scope: CoverageScope, settings: TenantSettings, basis: CoverageReport['basis'], day: string): CoverageReport {
  const policy = settings.coverage;
  const assessment = assessCoverage({
    seats: scope.seats,
    policy,
    today: day,
    stage: scope.deal?.stage ?? null,
    stages: settings.deals.stages.map((stage) => stage.id),
    rolesKnown: basis === 'committee',
  });
  const profiles = profileContacts(scope.people, scope.influence);
  const emptyProfile: InfluenceProfile = { score: 0, senior: false, span: 0, sways: 0 };
  const seats = scope.seats.map((seat, index) => ({ seat, coverage: assessment.seats[index]!, profile: profiles.get(seat.contactId) ?? emptyProfile }));
  return { scope, basis, seats, assessment, recommendations: recommend(scope, seats, policy, day), settings, today: day };
}

function recommend(scope: CoverageScope, seats: CoverageReport['seats'], policy: CoveragePolicy, day: string): Recommendation[] {
  const targets = rankTargets(
    seats.map(({ seat, coverage, profile }) => ({
      contactId: seat.contactId,
      role: seat.role,
      attitude: seat.attitude,
      influence: seat.influence,
      state: coverage.state,
      profile,
      bestTie: coverage.bestTie,
    })),
    policy,
  );
  const dealTeam = new Set(scope.team.map((member) => member.memberId));
  const steps = stepsOf(scope.people, scope.influence);
  const now = new Date(`${day}T12:00:00Z`);
  const routes = new Map<string, ScoredRoute[]>(targets.map((target) => [target.contactId, addColleagueRoutes(routesTo(target.contactId, scope.ties, steps, now), dealTeam)]));
  const assigned = new Map(scope.assigned.map((row) => [row.contactId, row.memberId]));
  for (const row of scope.assigned) scope.memberNames.set(row.memberId, row.memberName);
  for (const member of scope.team) scope.memberNames.set(member.memberId, member.name);
  return chooseSenders(targets, routes, { dealTeam, cap: policy.maxAssignmentsPerMember, assigned });
}

export interface DealCoverageSummary {
  dealId: string;
  score: number;
  counts: CoverageAssessment['counts'];
  gaps: CoverageAssessment['gaps'];
}

/**
 * Scores every open deal of the tenant (or of one account) in a few queries: committees and
 * visible relationships are loaded for all deals at once. Recommendations are left out.
 */
export async function assessOpenDeals(ctx: ReadContext, options: { account?: string } = {}): Promise<DealCoverageSummary[]> {
  const accountId = options.account ? (await resolveAccount(ctx, options.account)).id : undefined;
  const open = await ctx.db
    .select({ id: deals.id, stage: deals.stage })
    .from(deals)
    .where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.status, 'open'), accountId ? eq(deals.accountId, accountId) : undefined));
  const settings = await readTenantSettings(ctx);
  const committees = await loadCommittees(ctx.db, ctx.tenantId, open.map((deal) => deal.id));
  const ties = groupTies(await loadVisibleTies(ctx.db, ctx.tenantId, [...new Set(committees.map((row) => row.contactId))], await viewpointOf(ctx)));
  const byDeal = groupBy(committees, (row) => row.dealId);
  const stages = settings.deals.stages.map((stage) => stage.id);

  return open.map((deal) => {
    const seats = (byDeal.get(deal.id) ?? []).map((row) => ({ contactId: row.contactId, role: row.role, attitude: row.attitude as Seat['attitude'], influence: row.influence, ties: ties.get(row.contactId) ?? [] }));
    const assessment = assessCoverage({ seats, policy: settings.coverage, today: today(ctx), stage: deal.stage, stages, rolesKnown: true });
    return { dealId: deal.id, score: assessment.score.value, counts: assessment.counts, gaps: assessment.gaps };
  });
}

function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(keyOf(row));
    if (list) list.push(row);
    else grouped.set(keyOf(row), [row]);
  }
  return grouped;
}
