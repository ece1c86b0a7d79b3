// Sending cards in the current conversation: a new message, or an update of the card a button
// was pressed on.
import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';

import type { Reply } from '../app/reply.js';
import type { Logger } from '../config/logger.js';
import type { Translate } from '../i18n/index.js';
import { renderReplyCard, type AdaptiveCard } from './cards/reply-card.js';
import { connectorStatus } from './connector-errors.js';

// Teams shows the summary in notifications and the chat list; it has no visible limit, but a
// long one is cut there anyway.
const SUMMARY_LENGTH = 200;

export function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary.length > SUMMARY_LENGTH ? `${summary.slice(0, SUMMARY_LENGTH - 1)}…` : summary;
  return activity;
}

export async function sendCard(context: TurnContext, card: AdaptiveCard, summary?: string): Promise<void> {
  await context.sendActivity(cardActivity(card, summary));
}

export async function sendReply(context: TurnContext, reply: Reply, t: Translate): Promise<void> {
  await sendCard(context, renderReplyCard(reply, t), reply.text);
}

/**
 * Replaces the card whose button started this turn, which Action.Submit names in replyToId.
 * Sends a new message when there is no such card or Teams rejects the update.
 */
export async function replaceCard(context: TurnContext, card: AdaptiveCard, logger: Logger, summary?: string): Promise<'updated' | 'sent'> {
  const cardActivityId = context.activity.replyToId;
  if (cardActivityId) {
    try {
      await context.updateActivity({ ...cardActivity(card, summary), id: cardActivityId });
      return 'updated';
    } catch (error) {
      // The card may be gone or too old to edit, so the reply goes out as a new message.
      logger.warn({ err: error, status: connectorStatus(error) }, 'card update failed; sending a new message');
    }
  }
  await sendCard(context, card, summary);
  return 'sent';
}
