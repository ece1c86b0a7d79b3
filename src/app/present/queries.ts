// Replies of the read queries: who knows whom at an account, who knows a person, whom a member
// knows, how to reach a person, and an account's contacts. Each page stays well inside Slack's
// 50 blocks and 3,000 characters a text, and Teams' card size.
import { formatRelativeDate, type Locale, type Translate } from '../../i18n/index.js';
import type {
  ContactSummary,
  ContactsResult,
  IntroPath,
  KnownBy,
  MemberKnowsResult,
  ReachResult,
  WhoKnowsResult,
  WhoKnowsWhomResult,
} from '../queries.js';
import type { Reply, ReplyAction, ReplyBlock } from '../reply.js';
import { introductionAction } from './charter.js';

/** Members named per contact in the "who knows whom" table; the rest are counted. */
const KNOWERS_SHOWN = 3;

export interface PresentOptions {
  /** Time relative dates count from, when the result carries no `asOf`. */
  now?: Date;
  /**
   * The command line that shows the page starting at `offset`, for the "show more" button.
   * Defaults to the chat command ("who Acme page 2"); return null to offer no button.
   */
  pageCommand?: (offset: number, limit: number) => string | null;
}

/** Builds the "who knows whom at an account" reply: a table of known contacts, most influential first. */
export function presentWhoKnowsWhom(result: WhoKnowsWhomResult, t: Translate, locale: Locale, options: PresentOptions = {}): Reply {
  const account = result.account.name;
  const heading = t('query.who.heading', { account });
  const known = result.totalContacts - result.unknownCount;
  if (result.totalContacts === 0) return headed(heading, t('query.who.noContacts', { account }));
  if (known === 0) return headed(heading, t('query.who.noneKnown', { account }));
  if (result.contacts.length === 0) return headed(heading, t('query.pastEnd', { total: known }));

  const summary = [
    t('query.who.known', { count: known, total: result.totalContacts }),
    result.unknownCount === 0 ? t('query.who.allKnown') : t('query.who.unknown', { count: result.unknownCount }),
  ].join(' ');
  const now = nowOf(result.asOf, options);
  const rows = result.contacts.map(({ contact, knownBy, othersKnow }) => [contactLabel(contact, t), contact.title ?? '', knowersText(knownBy, t, locale, now, othersKnow)]);
  const blocks: ReplyBlock[] = [
    { type: 'heading', text: heading },
    { type: 'context', text: summary },
    { type: 'table', columns: [t('query.columns.contact'), t('query.columns.title'), t('query.columns.knownBy')], rows },
  ];
  const limit = result.limit ?? result.contacts.length;
  const nextPage = options.pageCommand ?? ((offset: number, size: number) => chatPageCommand('who', account, offset, size));
  blocks.push(...pagingBlocks({ offset: result.offset, rowCount: result.contacts.length, total: known, limit, hasMore: result.hasMore }, nextPage, t));
  return { text: `${heading}. ${summary}`, blocks };
}

/** Builds the "who knows this person" reply: our members, best relationship first. */
export function presentWhoKnows(result: WhoKnowsResult, t: Translate, locale: Locale, options: PresentOptions = {}): Reply {
  const contact = result.contact.label;
  const heading = t('query.whoKnows.heading', { contact });
  const about = contactContext(result.contact, t);
  const introduction = othersKnowBlocks(result.contact, result.othersKnow, result.knownBy.length > 0, t);
  if (result.knownBy.length === 0 && introduction.length > 0) return withBlocks(headed(heading, t('charter.intro.someoneKnows', { contact }), about), introduction.slice(1));
  if (result.knownBy.length === 0) return headed(heading, t('query.whoKnows.nobody', { contact }), about);

  const now = nowOf(result.asOf, options);
  const summary = t('query.whoKnows.summary', { count: result.knownBy.length, contact });
  const rows = result.knownBy.map((entry) => [
    entry.member.name,
    t(`strength.${entry.strength}`),
    whenText(entry.lastContactOn, t, locale, now),
    t(`visibility.${entry.visibility}`),
  ]);
  const columns = [t('query.columns.member'), t('query.columns.strength'), t('query.columns.lastContact'), t('query.columns.sharedWith')];
  return {
    text: summary,
    blocks: [{ type: 'heading', text: heading }, { type: 'context', text: about }, { type: 'table', columns, rows }, ...introduction],
  };
}

/** Builds the "whom does this member know" reply, one page of relationships. */
export function presentMemberKnows(result: MemberKnowsResult, t: Translate, locale: Locale, options: PresentOptions = {}): Reply {
  const member = result.member.name;
  const account = result.account?.name;
  const heading = account ? t('query.whom.headingAt', { member, account }) : t('query.whom.heading', { member });
  const total = result.total ?? result.relationships.length;
  if (total === 0) return headed(heading, account ? t('query.whom.nobodyAt', { member, account }) : t('query.whom.nobody', { member }));
  if (result.relationships.length === 0) return headed(heading, t('query.pastEnd', { total }));

  const now = nowOf(result.asOf, options);
  const summary = t('query.whom.summary', { member, count: total });
  const rows = result.relationships.map((entry) => [
    contactLabel(entry.contact, t),
    ...(account ? [] : [entry.contact.accountName]),
    entry.contact.title ?? '',
    t(`strength.${entry.strength}`),
    whenText(entry.lastContactOn, t, locale, now),
  ]);
  const columns = [
    t('query.columns.contact'),
    ...(account ? [] : [t('query.columns.account')]),
    t('query.columns.title'),
    t('query.columns.strength'),
    t('query.columns.lastContact'),
  ];
  const blocks: ReplyBlock[] = [{ type: 'heading', text: heading }, { type: 'context', text: summary }, { type: 'table', columns, rows }];
  // The chat grammar has no paging for this list, so only callers that pass pageCommand get a button.
  const nextPage = options.pageCommand ?? (() => null);
  const page = { offset: result.offset ?? 0, rowCount: result.relationships.length, total, limit: result.limit ?? result.relationships.length, hasMore: result.hasMore ?? false };
  blocks.push(...pagingBlocks(page, nextPage, t));
  return { text: `${heading}. ${summary}`, blocks };
}

/** Builds the "how to reach this person" reply: each path in words, best first. */
export function presentReach(result: ReachResult, t: Translate, locale: Locale, options: PresentOptions = {}): Reply {
  const contact = result.target.label;
  const heading = t('query.reach.heading', { contact });
  const about = contactContext(result.target, t);
  const introduction = othersKnowBlocks(result.target, result.othersKnow, result.paths.length > 0, t);
  if (result.paths.length === 0 && introduction.length > 0) return withBlocks(headed(heading, t('charter.intro.someoneKnows', { contact }), about), introduction.slice(1));
  if (result.paths.length === 0) return headed(heading, t('query.reach.none', { contact, maxHops: result.maxHops ?? 3 }), about);

  const now = nowOf(result.asOf, options);
  const summary = t('query.reach.summary', { count: result.paths.length, contact });
  const items = result.paths.map((path) => ({
    title: t('query.reach.pathTitle', { member: path.from.name }),
    subtitle: t('query.reach.pathDetail', { count: path.steps.length, score: Math.round(path.score * 100) }),
    lines: [describePath(path, t, locale, now)],
  }));
  return {
    text: `${summary} ${describePath(result.paths[0]!, t, locale, now)}`,
    blocks: [{ type: 'heading', text: heading }, { type: 'context', text: about }, { type: 'text', text: summary }, { type: 'items', items }, ...introduction],
  };
}

/** Builds the contact list of an account, one page. */
export function presentContacts(result: ContactsResult, t: Translate, _locale: Locale, options: PresentOptions = {}): Reply {
  const account = result.account.name;
  const heading = t('query.contacts.heading', { account });
  if (result.total === 0) return headed(heading, t('query.contacts.none', { account }));
  if (result.contacts.length === 0) return headed(heading, t('query.pastEnd', { total: result.total }));

  const summary = t('query.contacts.summary', { account, count: result.total });
  const rows = result.contacts.map((contact) => [
    contactLabel(contact, t),
    contact.title ?? '',
    contact.managerLabel ?? '',
    knownCountText(contact.knownByCount, contact.othersKnow, t),
  ]);
  const columns = [t('query.columns.contact'), t('query.columns.title'), t('query.columns.manager'), t('query.columns.knownByCount')];
  const blocks: ReplyBlock[] = [{ type: 'heading', text: heading }, { type: 'context', text: summary }, { type: 'table', columns, rows }];
  const nextPage = options.pageCommand ?? ((offset: number, size: number) => chatPageCommand('contacts', account, offset, size));
  const limit = result.limit ?? result.contacts.length;
  blocks.push(...pagingBlocks({ offset: result.offset, rowCount: result.contacts.length, total: result.total, limit, hasMore: result.hasMore }, nextPage, t));
  return { text: `${heading}. ${summary}`, blocks };
}

/** Writes a path as a sentence: "Hélène Caron knows Olivia Rousseau (strong, 2 weeks ago), who manages Théo Nguyen". */
export function describePath(path: IntroPath, t: Translate, locale: Locale, now: Date): string {
  const [first, ...rest] = path.steps;
  if (!first) return path.from.name;
  const opening = t('query.reach.knows', {
    member: path.from.name,
    contact: first.to.contact.label,
    strength: t(`strength.${first.strength ?? 1}`),
    when: whenText(first.lastContactOn ?? null, t, locale, now),
  });
  return [opening, ...rest.map((step) => t(`query.reach.step.${step.kind}`, { contact: step.to.contact.label }))].join(', ');
}

/** Returns the chat command for a page ("who "Acme Energy" page 2", pages counted from 1), or null when the offset falls mid-page. */
export function chatPageCommand(verb: 'who' | 'contacts', account: string, offset: number, limit: number): string | null {
  if (limit <= 0 || offset % limit !== 0) return null;
  return `${verb} ${quoteArgument(account)} page ${offset / limit + 1}`;
}

/** Quotes a name for a command line when it has spaces or quotes. */
export function quoteArgument(value: string): string {
  if (!/[\s"'“”«»]/.test(value)) return value;
  return value.includes('"') ? `«${value}»` : `"${value}"`;
}

interface PageFacts {
  offset: number;
  rowCount: number;
  total: number;
  limit: number;
  hasMore: boolean;
}

function pagingBlocks(page: PageFacts, nextPage: (offset: number, limit: number) => string | null, t: Translate): ReplyBlock[] {
  if (page.rowCount === 0 || (page.offset === 0 && !page.hasMore)) return [];
  const blocks: ReplyBlock[] = [{ type: 'context', text: t('query.page', { from: page.offset + 1, to: page.offset + page.rowCount, total: page.total }) }];
  const command = page.hasMore ? nextPage(page.offset + page.rowCount, page.limit) : null;
  if (command) {
    const action: ReplyAction = { id: 'page', label: t('query.more'), value: command };
    blocks.push({ type: 'actions', actions: [action] });
  }
  return blocks;
}

function headed(heading: string, text: string, context?: string): Reply {
  const blocks: ReplyBlock[] = [{ type: 'heading', text: heading }];
  if (context) blocks.push({ type: 'context', text: context });
  blocks.push({ type: 'text', text });
  return { text, blocks };
}

function contactLabel(contact: Pick<ContactSummary, 'label' | 'status'>, t: Translate): string {
  return contact.status === 'left' ? t('query.left', { label: contact.label }) : contact.label;
}

/** "VP Trading · Trading · Acme Energy", and whether the person has left. */
function contactContext(contact: ContactSummary, t: Translate): string {
  const parts = [contact.name ? contact.title : null, contact.department, contact.accountName].filter((part): part is string => Boolean(part));
  const text = [...new Set(parts)].join(' · ');
  return contact.status === 'left' ? t('query.left', { label: text }) : text;
}

function knowersText(knownBy: readonly KnownBy[], t: Translate, locale: Locale, now: Date, othersKnow = false): string {
  const named = knownBy.slice(0, KNOWERS_SHOWN).map((entry) =>
    t('query.knownByEntry', { member: entry.member.name, strength: t(`strength.${entry.strength}`), when: whenText(entry.lastContactOn, t, locale, now) }),
  );
  const others = knownBy.length - named.length;
  if (others > 0) named.push(t('query.moreKnowers', { count: others }));
  if (othersKnow) named.push(t('charter.intro.someoneKnowsShort'));
  return named.join(t('query.listSeparator'));
}

function knownCountText(count: number, othersKnow: boolean | undefined, t: Translate): string {
  const counted = count === 0 ? (othersKnow ? '' : t('query.contacts.nobody')) : t('count.people', { count });
  return [counted, othersKnow ? t('charter.intro.someoneKnowsShort') : ''].filter(Boolean).join(t('query.listSeparator'));
}

/**
 * The line and button offered when someone else knows the person through a relationship the
 * reader may not see: the charter's "someone in our team knows this person".
 */
function othersKnowBlocks(contact: ContactSummary, othersKnow: boolean | undefined, shownSome: boolean, t: Translate): ReplyBlock[] {
  if (!othersKnow) return [];
  const line = shownSome ? t('charter.intro.someoneElseKnows', { contact: contact.label }) : t('charter.intro.someoneKnows', { contact: contact.label });
  return [
    { type: 'context', text: line },
    { type: 'actions', actions: [introductionAction(contact.label, contact.accountName, t)] },
  ];
}

function withBlocks(reply: Reply, blocks: ReplyBlock[]): Reply {
  return { ...reply, blocks: [...reply.blocks, ...blocks] };
}

function whenText(date: string | null, t: Translate, locale: Locale, now: Date): string {
  return date ? formatRelativeDate(date, locale, now) : t('query.noDate');
}

function nowOf(asOf: string | undefined, options: PresentOptions): Date {
  if (asOf) return new Date(asOf);
  return options.now ?? new Date();
}
