// The weekly coverage digest as Replies: a summary part, then one part per deal. Senders split
// a part further when it does not fit in one platform message.
import type { Locale } from '../../config/env.js';
import { formatDate, formatRelativeDate, translator, type Translate } from '../../i18n/index.js';
import type { Contribution, DigestSection } from '../../jobs/digest-content.js';
import type { Reply, ReplyBlock } from '../reply.js';

export interface DigestSchedule {
  dayOfWeek: number;
  localTime: string;
  timeZone: string;
}

export interface DigestView {
  sections: DigestSection[];
  /** Name of the followed deal or account; empty for all open deals. */
  scopeLabel: string;
  /** Deals not shown because the digest reached its maximum. */
  omitted: number;
  schedule: DigestSchedule;
  preview: boolean;
}

/** Builds the digest parts in the subscription's language. */
export function presentDigest(view: DigestView, locale: Locale, now: Date): Reply[] {
  const t = translator(locale);
  const scope = view.scopeLabel || t('jobs.digest.scopeAll');
  const title = t(view.preview ? 'jobs.digest.previewHeading' : 'jobs.digest.heading', { scope });

  const summary: ReplyBlock[] = [
    { type: 'heading', text: title },
    { type: 'context', text: t('jobs.digest.period', { date: formatDate(now, locale) }) },
  ];
  if (view.sections.length === 0) summary.push({ type: 'text', text: t('jobs.digest.noDeals') });
  if (view.omitted > 0) summary.push({ type: 'context', text: t('jobs.digest.moreDeals', { count: view.omitted }) });
  summary.push({
    type: 'context',
    text: t('jobs.digest.footer', { day: t(`jobs.schedule.days.${view.schedule.dayOfWeek}`), time: view.schedule.localTime, timeZone: view.schedule.timeZone }),
  });

  const text = t('jobs.digest.notification', { scope });
  return [{ text, blocks: summary }, ...view.sections.map((section) => ({ text: t('labelled', { label: text, value: section.dealName }), blocks: sectionBlocks(section, t, locale, now) }))];
}

function sectionBlocks(section: DigestSection, t: Translate, locale: Locale, now: Date): ReplyBlock[] {
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: `${section.dealName} · ${section.accountName}` },
    {
      type: 'fields',
      fields: [
        { label: t('jobs.digest.score'), value: scoreText(section, t) },
        { label: t('jobs.digest.stage'), value: section.stageLabel },
      ],
    },
  ];

  if (section.newGaps.length > 0) blocks.push({ type: 'text', text: list(t('jobs.digest.newGaps'), section.newGaps) });
  if (section.closedGaps.length > 0) blocks.push({ type: 'text', text: list(t('jobs.digest.closedGaps'), section.closedGaps) });
  if (section.previousScore !== null && section.newGaps.length === 0 && section.closedGaps.length === 0) {
    blocks.push({ type: 'context', text: t('jobs.digest.noGapChange') });
  }

  if (section.stale.length > 0) {
    const lines = section.stale.map((stale) =>
      t('jobs.digest.staleLine', { contact: stale.contact, member: stale.member, lastContact: stale.lastContactOn ? formatRelativeDate(stale.lastContactOn, locale, now) : t('never') }),
    );
    blocks.push({ type: 'text', text: list(t('jobs.digest.stale'), lines) });
  }
  if (section.singleThreaded) {
    const sentence = section.singleThreaded.member ? t('jobs.digest.singleThreaded', { member: section.singleThreaded.member }) : t('jobs.digest.singleThreadedNobody');
    blocks.push({ type: 'text', text: sentence });
  }

  blocks.push(...contributionBlocks(section, t));
  blocks.push(...recommendationBlocks(section, t));
  return blocks;
}

function scoreText(section: DigestSection, t: Translate): string {
  const score = section.score;
  if (section.previousScore === null) return t('jobs.digest.changeFirst', { score });
  const delta = score - section.previousScore;
  if (delta > 0) return t('jobs.digest.changeUp', { score, delta });
  if (delta < 0) return t('jobs.digest.changeDown', { score, delta: -delta });
  return t('jobs.digest.changeNone', { score });
}

function list(title: string, lines: string[]): string {
  return [title, ...lines.map((line) => `• ${line}`)].join('\n');
}

function contributionBlocks(section: DigestSection, t: Translate): ReplyBlock[] {
  const lines: string[] = [];
  const total = (contributions: Contribution[]) => contributions.reduce((sum, contribution) => sum + contribution.count, 0);
  const names = (contributions: Contribution[]) => contributions.map((contribution) => `${contribution.memberName} (${contribution.count})`).join(', ');
  if (section.contactsAdded.length > 0) lines.push(t('jobs.digest.addedContacts', { count: total(section.contactsAdded), names: names(section.contactsAdded) }));
  if (section.relationshipsAdded.length > 0) lines.push(t('jobs.digest.addedRelationships', { count: total(section.relationshipsAdded), names: names(section.relationshipsAdded) }));
  if (lines.length === 0) return [{ type: 'context', text: t('jobs.digest.addedNothing') }];

  const sharers = [...new Set([...section.contactsAdded, ...section.relationshipsAdded].map((contribution) => contribution.memberName))];
  return [
    { type: 'text', text: list(t('jobs.digest.added'), lines) },
    { type: 'context', text: t('jobs.digest.thanks', { names: sharers.join(', ') }) },
  ];
}

function recommendationBlocks(section: DigestSection, t: Translate): ReplyBlock[] {
  if (section.recommendations.length === 0) return [{ type: 'context', text: t('jobs.digest.nothingRecommended') }];
  const blocks: ReplyBlock[] = [{ type: 'text', text: t('jobs.digest.recommendations') }];
  for (const recommendation of section.recommendations) {
    blocks.push({ type: 'text', text: recommendation.text }, { type: 'actions', actions: [recommendation.action] });
  }
  return blocks;
}
