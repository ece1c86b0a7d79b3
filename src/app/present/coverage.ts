// The coverage reply: score, committee states, gaps in words, and the top recommendations with
// buttons to assign the outreach or log its result.
import type { CoverageGap } from '../../domain/coverage.js';
import type { OutreachRoute, Recommendation, ReachReason } from '../../domain/recommendations.js';
import { formatRelativeDate, type Locale, type Translate } from '../../i18n/index.js';
import type { CoverageReport } from '../coverage.js';
import type { Reply, ReplyAction, ReplyBlock, ReplyItem } from '../reply.js';
import { labelOf } from '../settings.js';
import { assignActionValue, logActionValue, mapActionValue, OUTREACH_ASSIGN_ACTION, OUTREACH_LOG_ACTION, POWER_MAP_ACTION } from '../deals/actions.js';

/** Committee members listed in a reply; Slack allows 50 blocks and 3,000 characters a section. */
const MAX_SEATS_SHOWN = 15;
export const DEFAULT_RECOMMENDATIONS_SHOWN = 5;

interface Names {
  contact(id: string): string;
  title(id: string): string;
  member(id: string): string;
}

/** Builds the coverage reply in the reader's language. */
export function presentCoverage(report: CoverageReport, t: Translate, locale: Locale, now: Date, options: { top?: number } = {}): Reply {
  const names = namesOf(report);
  const { scope, assessment } = report;
  const heading = scope.deal ? t('deals.coverage.headingDeal', { name: scope.deal.name, account: scope.account.name }) : t('deals.coverage.headingAccount', { name: scope.account.name });
  const scoreText = t('deals.coverage.scoreValue', { score: assessment.score.value });
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: heading },
    {
      type: 'fields',
      fields: [
        { label: t('deals.coverage.score'), value: scoreText },
        ...(scope.deal ? [{ label: t('deals.show.stage'), value: labelOf(report.settings.deals, 'stage', scope.deal.stage, t) }] : []),
        { label: t('deals.coverage.committee'), value: t('deals.coverage.counts', assessment.counts) },
      ],
    },
  ];
  if (scope.kind === 'account') {
    blocks.push({ type: 'context', text: report.basis === 'committee' ? t('deals.coverage.basisCommittee') : t('deals.coverage.basisInfluential', { count: report.seats.length }) });
  }
  if (report.seats.length === 0) {
    blocks.push({ type: 'text', text: t('deals.coverage.empty') });
    return { text: t('deals.summary', { heading, value: scoreText }), blocks };
  }

  blocks.push({ type: 'items', items: report.seats.slice(0, MAX_SEATS_SHOWN).map((entry) => seatItem(report, entry, names, t, locale, now)) });
  if (report.seats.length > MAX_SEATS_SHOWN) blocks.push({ type: 'context', text: t('deals.coverage.more', { count: report.seats.length - MAX_SEATS_SHOWN }) });

  blocks.push({ type: 'heading', text: t('deals.coverage.gapsHeading') });
  blocks.push({ type: 'text', text: assessment.gaps.length === 0 ? t('deals.coverage.noGaps') : assessment.gaps.map((gap) => `• ${describeGap(gap, report, names, t, locale, now)}`).join('\n') });

  blocks.push(...recommendationBlocks(report, names, t, locale, now, options.top ?? DEFAULT_RECOMMENDATIONS_SHOWN));
  return { text: t('deals.summary', { heading, value: scoreText }), blocks };
}

function namesOf(report: CoverageReport): Names {
  const contacts = new Map(report.scope.people.map((person) => [person.id, person.label]));
  for (const { seat } of report.seats) contacts.set(seat.contactId, seat.person.label);
  const titles = new Map(report.seats.map(({ seat }) => [seat.contactId, seat.person.title ?? '']));
  return {
    contact: (id) => contacts.get(id) ?? '?',
    title: (id) => titles.get(id) ?? '',
    member: (id) => report.scope.memberNames.get(id) ?? '?',
  };
}

function seatItem(report: CoverageReport, entry: CoverageReport['seats'][number], names: Names, t: Translate, locale: Locale, now: Date): ReplyItem {
  const { seat, coverage } = entry;
  const settings = report.settings.deals;
  const subtitle = [
    seat.role ? labelOf(settings, 'committeeRole', seat.role, t) : seat.person.title,
    seat.attitude ? labelOf(settings, 'attitude', seat.attitude, t) : null,
    t(`deals.coverage.state.${coverage.state}`),
  ].filter(Boolean);
  const known = [...seat.ties]
    .sort((a, b) => b.strength - a.strength)
    .slice(0, 4)
    .map((tie) => `${names.member(tie.memberId)} (${tie.strength}/5${tie.lastContactOn ? `, ${formatRelativeDate(tie.lastContactOn, locale, now)}` : ''})`);
  return {
    title: seat.person.label,
    subtitle: subtitle.join(' · '),
    lines: [known.length > 0 ? t('deals.coverage.knownBy', { names: known.join(', ') }) : t('deals.coverage.nobodyKnows')],
  };
}

/** Describes one gap in a sentence. */
export function describeGap(gap: CoverageGap, report: CoverageReport, names: Names, t: Translate, locale: Locale, now: Date): string {
  const settings = report.settings.deals;
  switch (gap.kind) {
    case 'no_economic_buyer':
    case 'no_champion':
      return t(`deals.coverage.gap.${gap.kind}`);
    case 'key_role_uncovered':
      return t('deals.coverage.gap.key_role_uncovered', { contact: names.contact(gap.contactId), role: labelOf(settings, 'committeeRole', gap.role, t), state: t(`deals.coverage.state.${gap.state}`) });
    case 'opponent_unengaged': {
      const stance = gap.attitude ? labelOf(settings, 'attitude', gap.attitude, t) : labelOf(settings, 'committeeRole', gap.role ?? 'blocker', t);
      return t('deals.coverage.gap.opponent_unengaged', { contact: names.contact(gap.contactId), stance: stance.toLowerCase(), days: report.settings.coverage.coveredWithinDays });
    }
    case 'single_threaded': {
      const params = { member: gap.memberId ? names.member(gap.memberId) : '', contact: gap.contactId ? names.contact(gap.contactId) : '' };
      if (gap.memberId && gap.contactId) return t('deals.coverage.gap.single_threaded_both', params);
      if (gap.memberId) return t('deals.coverage.gap.single_threaded_member', params);
      return t('deals.coverage.gap.single_threaded_contact', params);
    }
    case 'stale': {
      const params = { member: names.member(gap.memberId), contact: names.contact(gap.contactId), days: gap.daysLeft ?? 0, when: gap.lastContactOn ? formatRelativeDate(gap.lastContactOn, locale, now) : '' };
      if (!gap.lapsed) return t('deals.coverage.gap.stale_lapsing', params);
      if (gap.lastContactOn) return t('deals.coverage.gap.stale_lapsed', params);
      return t('deals.coverage.gap.stale_never', params);
    }
    case 'stage_expectation': {
      const params = { stage: labelOf(settings, 'stage', gap.fromStage, t), role: labelOf(settings, 'committeeRole', gap.role, t).toLowerCase(), contacts: gap.contactIds.map(names.contact).join(', ') };
      return t(gap.contactIds.length === 0 ? 'deals.coverage.gap.stage_expectation_missing' : 'deals.coverage.gap.stage_expectation', params);
    }
  }
}

function recommendationBlocks(report: CoverageReport, names: Names, t: Translate, locale: Locale, now: Date, top: number): ReplyBlock[] {
  const shown = report.recommendations.slice(0, top);
  const blocks: ReplyBlock[] = [{ type: 'heading', text: t('deals.coverage.recommendationsHeading') }];
  if (shown.length === 0) return [...blocks, { type: 'text', text: t('deals.coverage.noRecommendations') }];

  blocks.push({
    type: 'items',
    items: shown.map((recommendation) => ({
      title: names.contact(recommendation.target.contactId),
      subtitle: recommendation.target.reasons.map((reason) => describeReason(reason, recommendation.target.contactId, report, names, t, locale, now)).join(t('deals.coverage.reasonSeparator')),
      lines: [describeSender(recommendation, report, names, t, locale, now)],
    })),
  });
  const actions = actionsFor(report, shown, names, t);
  if (actions.length > 0) blocks.push({ type: 'actions', actions });
  if (report.recommendations.length > top) blocks.push({ type: 'context', text: t('deals.coverage.more', { count: report.recommendations.length - top }) });
  return blocks;
}

/** Describes a reason to reach someone. */
export function describeReason(reason: ReachReason, contactId: string, report: CoverageReport, names: Names, t: Translate, locale: Locale, now: Date): string {
  const settings = report.settings.deals;
  switch (reason.code) {
    case 'role':
      return t('deals.coverage.reason.role', { role: labelOf(settings, 'committeeRole', reason.role, t) });
    case 'influenceLevel':
      return t('deals.coverage.reason.influenceLevel', { level: labelOf(settings, 'influence', 'high', t) });
    case 'seniority':
      return t('deals.coverage.reason.seniority', { title: names.title(contactId) || '—' });
    case 'span':
      return t('deals.coverage.reason.span', { count: reason.count });
    case 'centrality':
      return t('deals.coverage.reason.centrality', { count: reason.count });
    case 'opponent':
      return t('deals.coverage.reason.opponent', { stance: labelOf(settings, 'attitude', reason.attitude, t).toLowerCase() });
    case 'uncovered':
      return t('deals.coverage.reason.uncovered');
    case 'weak': {
      const lapsed = reason.tie.strength >= report.settings.coverage.coveredMinStrength;
      const weak = t(lapsed ? 'deals.coverage.reason.lapsed' : 'deals.coverage.reason.weak', { strength: reason.tie.strength });
      return reason.tie.lastContactOn ? `${weak}, ${t('deals.coverage.reason.weakStale', { when: formatRelativeDate(reason.tie.lastContactOn, locale, now) })}` : weak;
    }
  }
}

/** Describes whom to send, and by which route. */
export function describeSender(recommendation: Recommendation, report: CoverageReport, names: Names, t: Translate, locale: Locale, now: Date): string {
  const { sender } = recommendation;
  switch (sender.status) {
    case 'assigned':
      return t('deals.coverage.path.assigned', { member: names.member(sender.memberId) });
    case 'no_route':
      return t('deals.coverage.path.none');
    case 'capped':
      return t('deals.coverage.path.capped', { cap: report.settings.coverage.maxAssignmentsPerMember, member: names.member(sender.best.memberId) });
    case 'proposed':
      return [describeRoute(sender.route, recommendation.target.contactId, names, t, locale, now), ...(sender.onTeam ? [t('deals.coverage.path.onTeam', { member: names.member(sender.route.memberId) })] : [])].join(' ');
  }
}

function describeRoute(route: OutreachRoute, targetId: string, names: Names, t: Translate, locale: Locale, now: Date): string {
  const member = names.member(route.memberId);
  switch (route.kind) {
    case 'direct':
      return route.lastContactOn
        ? t('deals.coverage.path.direct', { member, strength: route.strength, when: formatRelativeDate(route.lastContactOn, locale, now) })
        : t('deals.coverage.path.directUndated', { member, strength: route.strength });
    case 'via_colleague':
      return t('deals.coverage.path.viaColleague', { member, colleague: names.member(route.colleagueId), strength: route.strength });
    case 'via_contact':
      return t('deals.coverage.path.viaContact', { member, via: names.contact(route.viaContactId), strength: route.strength, relation: t(`deals.coverage.path.relation.${route.relation}`), target: names.contact(targetId) });
  }
}

function actionsFor(report: CoverageReport, shown: Recommendation[], names: Names, t: Translate): ReplyAction[] {
  const actions: ReplyAction[] = [];
  const deal = report.scope.deal;
  if (deal) {
    for (const { target, sender } of shown) {
      const contact = names.contact(target.contactId);
      if (sender.status === 'proposed') {
        actions.push({ id: OUTREACH_ASSIGN_ACTION, label: t('deals.coverage.action.assign', { member: names.member(sender.route.memberId), contact }), value: assignActionValue(deal.id, target.contactId, sender.route), style: 'primary' });
      }
      if (sender.status === 'assigned') actions.push({ id: OUTREACH_LOG_ACTION, label: t('deals.coverage.action.log', { contact }), value: logActionValue(deal.id, target.contactId) });
    }
  }
  actions.push({ id: POWER_MAP_ACTION, label: t('deals.coverage.action.map'), value: mapActionValue(deal ? { type: 'deal', id: deal.id } : { type: 'account', id: report.scope.account.id }) });
  return actions;
}
