// Teams adapter of the message sender: renders a Reply as an Adaptive Card and sends it with
// the Teams proactive sender, which retries throttled calls with back-off and jitter itself.
import type { Reply } from '../../app/reply.js';
import { translator } from '../../i18n/index.js';
import { CARD_BUDGET_BYTES, cardBytes, renderReplyCard } from '../../teams/cards/reply-card.js';
import type { SendProactiveCard } from '../../teams/proactive.js';
import { DeliveryError, type MessageRef, type MessageSender, type SendTarget } from './types.js';

/** Creates the Teams sender over the proactive send function of the Teams adapter. */
export function createTeamsSender(sendProactiveCard: SendProactiveCard): MessageSender {
  // The reply is already translated; the catalogue only labels a truncation note, which the
  // split into parts that fit keeps from appearing.
  const t = translator('en');

  return {
    platform: 'teams',

    fits(reply: Reply): boolean {
      return cardBytes(renderReplyCard(reply, t, Number.POSITIVE_INFINITY)) <= CARD_BUDGET_BYTES;
    },

    async send(target: SendTarget, reply: Reply): Promise<MessageRef> {
      const destination = target.memberId ? { type: 'member' as const, memberId: target.memberId } : { type: 'channel' as const, channelId: target.channelId! };
      const outcome = await sendProactiveCard(target.tenantId, destination, renderReplyCard(reply, t), reply.text);
      switch (outcome.status) {
        case 'sent':
          return { platform: 'teams', conversationId: outcome.conversationId, activityId: outcome.activityId ?? null };
        case 'no_conversation':
          throw new DeliveryError('unreachable', 'no_conversation');
        case 'removed':
          throw new DeliveryError('unreachable', 'bot_removed');
        case 'rate_limited':
          throw new DeliveryError('rate_limited', '429');
        case 'failed':
          throw failureOf(outcome.httpStatus);
      }
    },
  };
}

function failureOf(httpStatus: number | undefined): DeliveryError {
  const code = String(httpStatus ?? 'network');
  // 400 and 413: Teams refused this card; sending it again would be refused again.
  if (httpStatus === 400 || httpStatus === 413) return new DeliveryError('rejected', code);
  return new DeliveryError('transient', code);
}
