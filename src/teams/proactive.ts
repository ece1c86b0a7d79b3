// Proactive cards: messages the bot starts itself (digests, update requests) in a member's
// personal chat or a team channel, through the conversation references kept in the store.
import { CardFactory, MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { and, eq } from 'drizzle-orm';

import type { Logger } from '../config/logger.js';
import type { Database } from '../store/database.js';
import { members } from '../store/schema.js';
import type { AdaptiveCard } from './cards/reply-card.js';
import { connectorStatus, DEFAULT_RETRY_POLICY, isForbidden, isGone, isRetryable, sleep, withRetries, type RetryPolicy } from './connector-errors.js';
import { findChannelConversation, findMemberConversation, findTenantConversation, removeConversation, saveConversation, type StoredConversation } from './conversations.js';

export type ProactiveTarget = { type: 'member'; memberId: string } | { type: 'channel'; channelId: string };

export type ProactiveOutcome =
  | { status: 'sent'; conversationId: string; activityId: string | undefined }
  /** No reference to reach the target: the app is not installed there. */
  | { status: 'no_conversation' }
  /** Teams answered 403 or 404: the bot was blocked or removed; the reference was deleted. */
  | { status: 'removed'; conversationId: string }
  | { status: 'rate_limited'; attempts: number }
  | { status: 'failed'; httpStatus: number | undefined };

export interface ProactiveSenderOptions {
  adapter: CloudAdapter;
  /** The bot's Microsoft app id; empty in local mode. */
  botAppId: string;
  db: Database;
  logger: Logger;
  retryPolicy?: RetryPolicy;
  wait?: (ms: number) => Promise<void>;
}

export type SendProactiveCard = (tenantId: string, target: ProactiveTarget, card: AdaptiveCard, summary?: string) => Promise<ProactiveOutcome>;

/** Creates the function that sends a card proactively; it never throws for a Teams refusal. */
export function createProactiveSender(options: ProactiveSenderOptions): SendProactiveCard {
  const policy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const wait = options.wait ?? sleep;

  return async function sendProactiveCard(tenantId, target, card, summary) {
    const logger = options.logger.child({ tenant: tenantId, target: target.type });
    const stored = target.type === 'member'
      ? await findMemberConversation(options.db, tenantId, target.memberId)
      : await findChannelConversation(options.db, tenantId, target.channelId);
    const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    if (summary) activity.summary = summary;

    let attempts = 0;
    const send = async (): Promise<{ conversationId: string; activityId: string | undefined }> => {
      attempts += 1;
      if (stored) return continueWith(options, stored.reference as Partial<ConversationReference>, activity);
      if (target.type === 'member') return openPersonalChat(options, tenantId, target.memberId, activity);
      throw new MissingConversation();
    };

    try {
      const sent = await withRetries(send, policy, (error, attempt, delayMs) => {
        logger.warn({ status: connectorStatus(error), attempt, delayMs }, 'Teams throttled a proactive message; retrying');
      }, wait);
      logger.info({ conversation: sent.conversationId }, 'proactive card sent');
      return { status: 'sent', ...sent };
    } catch (error) {
      return reportFailure(options, logger, tenantId, stored, error, attempts);
    }
  };
}

class MissingConversation extends Error {}

async function reportFailure(
  options: ProactiveSenderOptions,
  logger: Logger,
  tenantId: string,
  stored: StoredConversation | undefined,
  error: unknown,
  attempts: number,
): Promise<ProactiveOutcome> {
  if (error instanceof MissingConversation) {
    logger.info('no conversation reference for this target: the app is not installed there');
    return { status: 'no_conversation' };
  }
  if ((isForbidden(error) || isGone(error)) && stored) {
    await removeConversation(options.db, tenantId, stored.conversationId);
    logger.warn({ status: connectorStatus(error), conversation: stored.conversationId }, 'bot blocked or removed: conversation reference deleted');
    return { status: 'removed', conversationId: stored.conversationId };
  }
  if (isForbidden(error) || isGone(error)) {
    logger.info({ status: connectorStatus(error) }, 'personal chat not opened: the app is not installed for this member');
    return { status: 'no_conversation' };
  }
  if (isRetryable(error)) {
    logger.error({ status: connectorStatus(error), attempts }, 'proactive card not sent: Teams kept throttling');
    return { status: 'rate_limited', attempts };
  }
  logger.error({ err: error, status: connectorStatus(error) }, 'proactive card not sent');
  return { status: 'failed', httpStatus: connectorStatus(error) };
}

async function continueWith(
  options: ProactiveSenderOptions,
  reference: Partial<ConversationReference>,
  activity: ReturnType<typeof MessageFactory.attachment>,
): Promise<{ conversationId: string; activityId: string | undefined }> {
  let activityId: string | undefined;
  await options.adapter.continueConversationAsync(options.botAppId, reference, async (context) => {
    activityId = (await context.sendActivity(activity))?.id;
  });
  return { conversationId: reference.conversation!.id, activityId };
}

/**
 * Opens the personal chat of a member who has none on record, with the member's Entra object
 * id, as Teams allows once the app is installed for the user, then keeps its reference.
 */
async function openPersonalChat(
  options: ProactiveSenderOptions,
  tenantId: string,
  memberId: string,
  activity: ReturnType<typeof MessageFactory.attachment>,
): Promise<{ conversationId: string; activityId: string | undefined }> {
  const [member] = await options.db
    .select({ aadObjectId: members.teamsAadObjectId })
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)))
    .limit(1);
  const known = await findTenantConversation(options.db, tenantId);
  const entraTenantId = (known?.reference as Partial<ConversationReference> | undefined)?.conversation?.tenantId;
  if (!member?.aadObjectId || !known || !entraTenantId) throw new MissingConversation();

  const bot = (known.reference as Partial<ConversationReference>).bot!;
  const parameters = {
    isGroup: false,
    bot,
    members: [{ id: member.aadObjectId, name: '' }],
    tenantId: entraTenantId,
    channelData: { tenant: { id: entraTenantId } },
  };
  let result: { conversationId: string; activityId: string | undefined } | undefined;
  await options.adapter.createConversationAsync(options.botAppId, 'msteams', known.serviceUrl, undefined as unknown as string, parameters as never, async (context) => {
    const conversationId = context.activity.conversation.id;
    const opened = {
      type: 'conversationUpdate',
      serviceUrl: known.serviceUrl,
      channelId: 'msteams',
      conversation: { id: conversationId, conversationType: 'personal', tenantId: entraTenantId, isGroup: false, name: '' },
      recipient: bot,
      from: { id: member.aadObjectId!, name: '' },
    };
    await saveConversation(options.db, tenantId, opened, memberId);
    result = { conversationId, activityId: (await context.sendActivity(activity))?.id };
  });
  return result!;
}
