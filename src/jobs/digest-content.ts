// What a digest says about each deal it follows: coverage score and its change, gaps opened and
// closed since the last run, stale key relationships, single-threading, what was added this week
// and by whom, and the top recommended outreach. Only relationships shared with everyone count,
// because a digest goes to a channel.
import { and, asc, eq, gte, isNotNull, sql } from 'drizzle-orm';

import { viewpointOf } from '../app/charter/policy.js';
import type { AppContext } from '../app/context.js';
import { dealCoverage, type CoverageReport } from '../app/coverage.js';
import { assignActionValue, OUTREACH_ASSIGN_ACTION } from '../app/deals/actions.js';
import type { DigestSnapshot, DigestSubscription } from '../app/digests.js';
import { describeGap, describeSender } from '../app/present/coverage.js';
import type { ReplyAction } from '../app/reply.js';
import { labelOf } from '../app/settings.js';
import type { Locale } from '../config/env.js';
import type { CoverageGap } from '../domain/coverage.js';
import { translator, type Translate } from '../i18n/index.js';
import { queryRows } from '../store/database.js';
import { visibleToViewer } from '../store/queries/visibility.js';
import { accounts, contacts, deals, members } from '../store/schema.js';

/** Most deals one digest reports on; the rest are counted, not shown. */
export const MAX_DIGEST_DEALS = 15;
/** Most recommended actions per deal. */
export const MAX_RECOMMENDATIONS = 3;

export interface DigestRecommendation {
  text: string;
  action: ReplyAction;
}

export interface Contribution {
  memberName: string;
  count: number;
}

export interface DigestSection {
  /** Snapshot key: "deal:<id>". */
  key: string;
  dealName: string;
  accountName: string;
  stageLabel: string;
  score: number;
  previousScore: number | null;
  /** Gap key → sentence, for the snapshot. */
  gapLabels: Record<string, string>;
  newGaps: string[];
  closedGaps: string[];
  stale: Array<{ contact: string; member: string; lastContactOn: string | null }>;
  /** Set when one member alone is in touch with the committee; member null when nobody is. */
  singleThreaded: { member: string | null } | null;
  contactsAdded: Contribution[];
  relationshipsAdded: Contribution[];
  recommendations: DigestRecommendation[];
}

type Scope = Pick<DigestSubscription, 'scopeType' | 'accountId' | 'dealId'>;

/** Collects the sections of a digest, one per followed deal, nearest close date first. */
export async function collectDigestSections(
  ctx: AppContext,
  scope: Scope,
  options: { since: Date; previous: DigestSnapshot | null },
): Promise<{ sections: DigestSection[]; scopeLabel: string; omitted: number }> {
  const { rows, scopeLabel } = await loadScopeDeals(ctx, scope);
  const shown = rows.slice(0, MAX_DIGEST_DEALS);
  const sections: DigestSection[] = [];
  for (const { deal, accountName } of shown) {
    // A channel sees what an anonymous viewer sees: relationships shared with everyone.
    const report = await dealCoverage({ ...ctx, actor: null }, deal.id);
    sections.push({ ...sectionOf(ctx, report, accountName, options.previous), ...(await contributionsOf(ctx, deal.accountId, options.since)) });
  }
  return { sections, scopeLabel, omitted: rows.length - shown.length };
}

function sectionOf(ctx: AppContext, report: CoverageReport, accountName: string, previousSnapshot: DigestSnapshot | null): Omit<DigestSection, 'contactsAdded' | 'relationshipsAdded'> {
  const t = translator(ctx.locale);
  const now = ctx.now();
  const deal = report.scope.deal!;
  const names = namesOf(report);
  const gapLabels = Object.fromEntries(report.assessment.gaps.map((gap) => [gapKey(gap), describeGap(gap, report, names, t, ctx.locale, now)]));
  const previous = previousSnapshot?.sections[`deal:${deal.id}`];
  return {
    key: `deal:${deal.id}`,
    dealName: deal.name,
    accountName,
    stageLabel: labelOf(report.settings.deals, 'stage', deal.stage, t),
    score: report.assessment.score.value,
    previousScore: previous?.score ?? null,
    gapLabels,
    newGaps: previous ? Object.entries(gapLabels).filter(([key]) => !(key in previous.gaps)).map(([, label]) => label) : [],
    closedGaps: previous ? Object.entries(previous.gaps).filter(([key]) => !(key in gapLabels)).map(([, label]) => label) : [],
    stale: report.assessment.gaps.flatMap((gap) => (gap.kind === 'stale' ? [{ contact: names.contact(gap.contactId), member: names.member(gap.memberId), lastContactOn: gap.lastContactOn }] : [])),
    singleThreaded: singleThreadOf(report, names),
    recommendations: recommendationsOf(report, names, t, ctx.locale, now),
  };
}

type Names = Parameters<typeof describeGap>[2];

function namesOf(report: CoverageReport): Names {
  const contactNames = new Map(report.scope.people.map((person) => [person.id, person.label]));
  for (const { seat } of report.seats) contactNames.set(seat.contactId, seat.person.label);
  const titles = new Map(report.seats.map(({ seat }) => [seat.contactId, seat.person.title ?? '']));
  return {
    contact: (id) => contactNames.get(id) ?? '?',
    title: (id) => titles.get(id) ?? '',
    member: (id) => report.scope.memberNames.get(id) ?? '?',
  };
}

/** Single-threading worth its own line: one member carries the committee, or nobody is in touch. */
function singleThreadOf(report: CoverageReport, names: Names): DigestSection['singleThreaded'] {
  const seats = report.seats;
  if (seats.length > 0 && seats.every(({ seat }) => seat.ties.length === 0)) return { member: null };
  const gap = report.assessment.gaps.find((candidate) => candidate.kind === 'single_threaded');
  return gap && gap.kind === 'single_threaded' && gap.memberId ? { member: names.member(gap.memberId) } : null;
}

/** Lists the top proposed outreach (whom to send to whom), with the deal's own "assign" button. */
function recommendationsOf(report: CoverageReport, names: Names, t: Translate, locale: Locale, now: Date): DigestRecommendation[] {
  const dealId = report.scope.deal!.id;
  return report.recommendations
    .filter((recommendation) => recommendation.sender.status === 'proposed')
    .slice(0, MAX_RECOMMENDATIONS)
    .map((recommendation) => {
      const contactId = recommendation.target.contactId;
      const route = (recommendation.sender as Extract<typeof recommendation.sender, { status: 'proposed' }>).route;
      return {
        text: t('labelled', { label: names.contact(contactId), value: describeSender(recommendation, report, names, t, locale, now) }),
        action: { id: OUTREACH_ASSIGN_ACTION, label: t('jobs.digest.take'), value: assignActionValue(dealId, contactId, route), style: 'primary' as const },
      };
    });
}

async function loadScopeDeals(ctx: AppContext, scope: Scope) {
  const filter =
    scope.scopeType === 'deal' ? eq(deals.id, scope.dealId!) : scope.scopeType === 'account' ? and(eq(deals.accountId, scope.accountId!), eq(deals.status, 'open')) : eq(deals.status, 'open');
  const rows = await ctx.db
    .select({ deal: deals, accountName: accounts.name })
    .from(deals)
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .where(and(eq(deals.tenantId, ctx.tenantId), filter))
    .orderBy(asc(deals.expectedCloseOn), asc(deals.normalizedName))
    .limit(200);
  let scopeLabel = '';
  if (scope.scopeType === 'deal') scopeLabel = rows[0]?.deal.name ?? '';
  if (scope.scopeType === 'account') {
    const [account] = await ctx.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, scope.accountId!));
    scopeLabel = account?.name ?? '';
  }
  return { rows, scopeLabel };
}

function gapKey(gap: CoverageGap): string {
  switch (gap.kind) {
    case 'key_role_uncovered':
    case 'opponent_unengaged':
      return `${gap.kind}:${gap.contactId}`;
    case 'stale':
      return `stale:${gap.contactId}:${gap.memberId}`;
    case 'single_threaded':
      return 'single_threaded';
    case 'stage_expectation':
      return `stage_expectation:${gap.role}`;
    default:
      return gap.kind;
  }
}

/** Contacts of the deal's account and shared relationships with them added since `since`, by who added them. */
async function contributionsOf(ctx: AppContext, accountId: string, since: Date): Promise<Pick<DigestSection, 'contactsAdded' | 'relationshipsAdded'>> {
  const added = await ctx.db
    .select({ memberName: members.name })
    .from(contacts)
    .innerJoin(members, eq(members.id, contacts.createdBy))
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.accountId, accountId), gte(contacts.createdAt, since), isNotNull(contacts.createdBy)));
  // A channel sees what the anonymous viewer sees under the charter.
  const viewpoint = await viewpointOf({ ...ctx, actor: null });
  const ties = await queryRows<{ memberName: string }>(
    ctx.db,
    sql`select m.name as "memberName" from relationships r
          join contacts c on c.id = r.contact_id
          join members m on m.id = r.asserted_by
         where r.tenant_id = ${ctx.tenantId} and c.account_id = ${accountId} and r.created_at >= ${since.toISOString()}::timestamptz
           and ${visibleToViewer(viewpoint)}`,
  );
  return { contactsAdded: countBy(added), relationshipsAdded: countBy(ties) };
}

function countBy(rows: Array<{ memberName: string }>): Contribution[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.memberName, (counts.get(row.memberName) ?? 0) + 1);
  return [...counts].map(([memberName, count]) => ({ memberName, count })).sort((a, b) => b.count - a.count || a.memberName.localeCompare(b.memberName));
}

