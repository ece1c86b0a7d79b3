// The digest and ask commands of the shared grammar, and the buttons of update requests:
//   digest subscribe [ACCOUNT|DEAL|all] [weekly on DAY at HH:MM] [TIME ZONE]
//   digest unsubscribe [ACCOUNT|DEAL|all]    digest list    digest preview [ACCOUNT|DEAL|all]
//   ask @member about PERSON [at ACCOUNT]    ask team DEAL
import { and, eq } from 'drizzle-orm';

import { isValidTimeZone, localParts, parseLocalTime } from '../../domain/schedule.js';
import { formatDate } from '../../i18n/index.js';
import { askDealTeam, askMemberAbout } from '../../jobs/asks.js';
import { accounts, contacts, outboundMessages, updateRequests } from '../../store/schema.js';
import { composeDigest, listDigestSubscriptions, resolveDigestScope, subscribeDigest, unsubscribeDigest, type DigestSubscription } from '../digests.js';
import { errorReply } from '../error-reply.js';
import { AppError } from '../errors.js';
import { DETAILS_ACTION, ANSWER_ACTION, parseAnswerValue } from '../present/update-request.js';
import { textReply, type Reply, type ReplyBlock } from '../reply.js';
import { answerUpdateRequest } from '../update-requests.js';
import type { CommandEnvironment } from './environment.js';
import { tokenize, type Token } from './tokenize.js';
import type { CommandResult, FormRequest, ParseResult, PersonRef } from './types.js';

export type DigestAction = 'subscribe' | 'unsubscribe' | 'list' | 'preview';

export interface ScheduleWords {
  scope?: string;
  dayOfWeek?: number;
  localTime?: string;
  timeZone?: string;
}

export type JobsCommand =
  | ({ verb: 'digest'; action: DigestAction; line: string } & ScheduleWords)
  | { verb: 'ask'; member: PersonRef; person: string; account?: string; line: string }
  | { verb: 'ask'; team: string; line: string };

const DAYS: Record<string, number> = {
  sunday: 0, sun: 0, dimanche: 0, monday: 1, mon: 1, lundi: 1, tuesday: 2, tue: 2, mardi: 2, wednesday: 3, wed: 3, mercredi: 3,
  thursday: 4, thu: 4, jeudi: 4, friday: 5, fri: 5, vendredi: 5, saturday: 6, sat: 6, samedi: 6,
};
const DIGEST_ACTIONS: Record<string, DigestAction> = { subscribe: 'subscribe', unsubscribe: 'unsubscribe', list: 'list', preview: 'preview' };

const usage = (key: 'digestUsage' | 'askUsage'): ParseResult => ({ ok: false, failure: { messageKey: `jobs.commands.${key}` } });

/** Parses a digest or ask line; returns null when the line is another command. */
export function parseJobsCommand(line: string): ParseResult | null {
  const tokens = tokenize(line.trim());
  const verb = wordOf(tokens[0])?.toLowerCase();
  if (verb === 'digest') return parseDigest(tokens.slice(1), line.trim());
  if (verb === 'ask') return parseAsk(tokens.slice(1), line.trim());
  return null;
}

function wordOf(token: Token | undefined): string | undefined {
  return token?.kind === 'word' ? token.text : undefined;
}

function parseDigest(tokens: Token[], line: string): ParseResult {
  const action = DIGEST_ACTIONS[wordOf(tokens[0])?.toLowerCase() ?? ''];
  if (!action) return usage('digestUsage');
  const words = parseScheduleWords(tokens.slice(1));
  if ('failure' in words) return { ok: false, failure: words.failure };
  return { ok: true, command: { verb: 'digest', action, line, ...words } };
}

/**
 * Reads "[SCOPE] [weekly] [on DAY] [at HH:MM] [TIME ZONE]". Inside the scope, "on" is a keyword
 * only before a day name and "at" only before a time, so "Power on Demand" stays one name.
 */
export function parseScheduleWords(tokens: Token[]): ScheduleWords | { failure: { messageKey: string; params: Record<string, unknown> } } {
  const scope: string[] = [];
  const result: ScheduleWords = {};
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind !== 'word') return { failure: { messageKey: 'jobs.commands.digestUsage', params: {} } };
    const word = token.text.toLowerCase();
    const next = wordOf(tokens[index + 1]);
    if (!token.quoted && (word === 'weekly' || word === 'every')) continue;
    if (!token.quoted && word === 'on' && next) {
      const day = DAYS[next.toLowerCase()];
      // "on" before a word that ends the line or follows the schedule must introduce a day.
      const mustBeDay = index + 2 >= tokens.length || scheduleStarted(result);
      if (day === undefined && mustBeDay) return { failure: { messageKey: 'jobs.schedule.invalidDay', params: { value: next } } };
      if (day !== undefined) {
        result.dayOfWeek = day;
        index += 1;
        continue;
      }
    }
    if (!token.quoted && word === 'at' && next && /^\d/.test(next)) {
      if (parseLocalTime(next) === null) return { failure: { messageKey: 'jobs.schedule.invalidTime', params: { value: next } } };
      result.localTime = next;
      index += 1;
      continue;
    }
    if (!token.quoted && (token.text.includes('/') || word === 'utc')) {
      const zone = word === 'utc' ? 'UTC' : token.text;
      if (!isValidTimeZone(zone)) return { failure: { messageKey: 'jobs.schedule.invalidTimeZone', params: { value: token.text } } };
      result.timeZone = zone;
      continue;
    }
    scope.push(token.text);
  }
  if (scope.length > 0) result.scope = scope.join(' ');
  return result;
}

function scheduleStarted(words: ScheduleWords): boolean {
  return words.dayOfWeek !== undefined || words.localTime !== undefined || words.timeZone !== undefined;
}

function parseAsk(tokens: Token[], line: string): ParseResult {
  if (wordOf(tokens[0])?.toLowerCase() === 'team') {
    const team = tokens.slice(1).map(wordOf).filter(Boolean).join(' ');
    return team ? { ok: true, command: { verb: 'ask', team, line } } : usage('askUsage');
  }
  const about = tokens.findIndex((token) => wordOf(token)?.toLowerCase() === 'about' && token.kind === 'word' && !token.quoted);
  if (about < 1) return usage('askUsage');
  const who = tokens.slice(0, about);
  const member: PersonRef | null =
    who.length === 1 && who[0]!.kind === 'mention'
      ? { kind: 'mention', userId: who[0]!.userId, ...(who[0]!.label && { label: who[0]!.label }) }
      : who.every((token) => token.kind === 'word')
        ? { kind: 'name', text: who.map(wordOf).join(' ').replace(/^@/, '') }
        : null;
  const rest = tokens.slice(about + 1);
  const at = rest.findIndex((token) => wordOf(token)?.toLowerCase() === 'at' && token.kind === 'word' && !token.quoted);
  const person = (at >= 0 ? rest.slice(0, at) : rest).map(wordOf).filter(Boolean).join(' ');
  const account = at >= 0 ? rest.slice(at + 1).map(wordOf).filter(Boolean).join(' ') : undefined;
  if (!member || !person) return usage('askUsage');
  return { ok: true, command: { verb: 'ask', member, person, line, ...(account && { account }) } };
}

/** Runs a digest or ask command; use-case errors become replies. */
export async function executeJobsCommand(env: CommandEnvironment, command: JobsCommand): Promise<CommandResult> {
  try {
    const reply = command.verb === 'digest' ? await runDigest(env, command) : await runAsk(env, command);
    return { kind: 'reply', reply, shareable: false };
  } catch (error) {
    if (error instanceof AppError) return { kind: 'reply', reply: errorReply(error, env.t), shareable: false };
    throw error;
  }
}

async function runDigest(env: CommandEnvironment, command: Extract<JobsCommand, { verb: 'digest' }>): Promise<Reply> {
  const { ctx, t } = env;
  const conversation = env.conversation;
  if (!conversation || conversation.personal) return textReply(t('jobs.subscriptions.channelOnly'), { code: 'invalid_input' });
  const channel = { platform: conversation.platform, channelId: conversation.channelId };

  switch (command.action) {
    case 'subscribe': {
      const { subscription, created, scopeLabel } = await subscribeDigest(ctx, { ...channel, ...scheduleOf(command) });
      return textReply(t(created ? 'jobs.subscriptions.subscribed' : 'jobs.subscriptions.updated', describeSchedule(env, subscription, scopeLabel)));
    }
    case 'unsubscribe': {
      const { removed, scopeLabel } = await unsubscribeDigest(ctx, { ...channel, ...(command.scope && { scope: command.scope }) });
      if (removed === 0) return textReply(t('jobs.subscriptions.notSubscribed', { scopeSuffix: scopeLabel ? ` (${scopeLabel})` : '' }));
      return textReply(t('jobs.subscriptions.unsubscribed', { count: removed, scope: scopeLabel || t('jobs.digest.scopeAll') }));
    }
    case 'list':
      return listReply(env, channel);
    case 'preview':
      return previewReply(env, channel, command.scope);
  }
}

function scheduleOf(command: ScheduleWords) {
  return {
    ...(command.scope && { scope: command.scope }),
    ...(command.dayOfWeek !== undefined && { dayOfWeek: command.dayOfWeek }),
    ...(command.localTime && { localTime: command.localTime }),
    ...(command.timeZone && { timeZone: command.timeZone }),
  };
}

function describeSchedule(env: CommandEnvironment, subscription: DigestSubscription, scopeLabel: string) {
  const { t, ctx } = env;
  const next = subscription.nextRunAt ? formatLocalDateTime(subscription.nextRunAt, subscription.timeZone, ctx.locale) : '';
  return {
    scope: scopeLabel || t('jobs.digest.scopeAll'),
    day: t(`jobs.schedule.days.${subscription.dayOfWeek}`),
    time: subscription.localTime,
    timeZone: subscription.timeZone,
    next,
  };
}

/** "7 Dec 2026 09:00" in the subscription's time zone. */
function formatLocalDateTime(instant: Date, timeZone: string, locale: 'en' | 'fr'): string {
  const parts = localParts(instant, timeZone);
  const day = formatDate(new Date(Date.UTC(parts.year, parts.month - 1, parts.day)), locale);
  return `${day} ${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
}

async function listReply(env: CommandEnvironment, channel: { platform: 'slack' | 'teams'; channelId: string }): Promise<Reply> {
  const { t } = env;
  const listed = await listDigestSubscriptions(env.ctx, channel);
  if (listed.length === 0) return textReply(t('jobs.subscriptions.listEmpty'));
  const lines = listed.map(({ subscription, scopeLabel }) => {
    const params = describeSchedule(env, subscription, scopeLabel);
    return subscription.paused ? t('jobs.subscriptions.listPaused', { ...params, reason: subscription.pausedReason ?? '' }) : t('jobs.subscriptions.listLine', params);
  });
  const heading = t('jobs.subscriptions.listHeading');
  return { text: heading, blocks: [{ type: 'heading', text: heading }, { type: 'text', text: lines.map((line) => `• ${line}`).join('\n') }] };
}

/** Composes the digest as it would be sent now, without storing a snapshot. A long one pages like any reply. */
async function previewReply(env: CommandEnvironment, channel: { platform: 'slack' | 'teams'; channelId: string }, scope: string | undefined): Promise<Reply> {
  const { ctx, t } = env;
  const listed = scope ? [] : await listDigestSubscriptions(ctx, channel);
  const lead: ReplyBlock[] = [];
  let subscription: Parameters<typeof composeDigest>[1];
  if (listed[0]) {
    subscription = listed[0].subscription;
  } else {
    const resolved = await resolveDigestScope(ctx, scope);
    subscription = { scopeType: resolved?.scopeType ?? 'all', accountId: resolved?.accountId ?? null, dealId: resolved?.dealId ?? null, dayOfWeek: 1, localTime: '09:00', timeZone: 'UTC', locale: ctx.locale };
    if (!scope) lead.push({ type: 'context', text: t('jobs.subscriptions.noSubscriptionToPreview') });
  }
  const digest = await composeDigest(ctx, { ...subscription, locale: ctx.locale }, { since: new Date(ctx.now().getTime() - 7 * 86_400_000), previous: null, preview: true });
  const blocks = digest.parts.flatMap((part, index) => (index === 0 ? part.blocks : [{ type: 'divider' as const }, ...part.blocks]));
  return { text: digest.parts[0]!.text, blocks: [...lead, ...blocks] };
}

async function runAsk(env: CommandEnvironment, command: Extract<JobsCommand, { verb: 'ask' }>): Promise<Reply> {
  const { ctx, t } = env;
  if ('team' in command) {
    const { deal, queued } = await askDealTeam(ctx, command.team);
    return textReply(queued > 0 ? t('jobs.ask.queuedTeam', { count: queued, deal }) : t('jobs.ask.nothingToAsk', { deal }));
  }
  const member = command.member.kind === 'mention' ? await env.memberForUser(command.member.userId) : null;
  const outcome = await askMemberAbout(ctx, member ? { id: member.id, label: member.name } : command.member, command.person, command.account ? { account: command.account } : {});
  return textReply(t(outcome.status === 'queued' ? 'jobs.ask.queued' : 'jobs.ask.alreadyOpen', { member: outcome.member, contact: outcome.contact }));
}

/** Outcome of an update-request button: a redrawn message to replace, a reply, or a form to open. */
export type JobsActionResult = { kind: 'replace'; reply: Reply } | { kind: 'reply'; reply: Reply } | { kind: 'form'; request: FormRequest };

/**
 * Handles the buttons of update-request messages; returns null for any other action. "Answer"
 * records the answer and returns the message to show in place of the one clicked; "update
 * details" opens the relationship form on that contact.
 */
export async function handleJobsAction(env: Pick<CommandEnvironment, 'ctx' | 't'>, actionId: string, value: string): Promise<JobsActionResult | null> {
  const { ctx, t } = env;
  try {
    if (actionId === ANSWER_ACTION) {
      const parsed = parseAnswerValue(value);
      if (!parsed) return null;
      const [message] = await ctx.db.select({ payload: outboundMessages.payload }).from(outboundMessages).where(and(eq(outboundMessages.tenantId, ctx.tenantId), eq(outboundMessages.id, parsed.messageId)));
      const messageRequestIds = (message?.payload as { requestIds?: string[] } | undefined)?.requestIds;
      const result = await answerUpdateRequest(ctx, { ...parsed, ...(messageRequestIds && { messageRequestIds }) });
      return { kind: 'replace', reply: result.reply };
    }
    if (actionId === DETAILS_ACTION) {
      const requestId = value.split(':')[1];
      if (!requestId) return null;
      const [row] = await ctx.db
        .select({ contactId: contacts.id, name: contacts.name, title: contacts.title, accountId: contacts.accountId })
        .from(updateRequests)
        .innerJoin(contacts, eq(contacts.id, updateRequests.contactId))
        .where(and(eq(updateRequests.tenantId, ctx.tenantId), eq(updateRequests.id, requestId)));
      if (!row) throw new AppError('not_found', 'jobs.requests.notFound');
      const [account] = await ctx.db.select({ name: accounts.name }).from(accounts).where(eq(accounts.id, row.accountId));
      return { kind: 'form', request: { form: 'relationship', draft: { account: { id: row.accountId, label: account?.name ?? '' }, contact: { id: row.contactId, label: row.name ?? row.title ?? '' } } } };
    }
    return null;
  } catch (error) {
    if (error instanceof AppError) return { kind: 'reply', reply: errorReply(error, t) };
    throw error;
  }
}
