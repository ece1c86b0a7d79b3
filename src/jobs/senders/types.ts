// The port the jobs send through. Each platform adapter turns a Reply into its own message
// format and translates its platform's failures into a DeliveryError.
import type { Reply } from '../../app/reply.js';

export interface SendTarget {
  tenantId: string;
  /** A channel (Slack channel id, Teams channel or group chat conversation id). */
  channelId?: string;
  /** A member, reached in a personal chat with the bot. */
  memberId?: string;
}

/** Where a sent message lives, so it can be updated later (Slack channel and ts, Teams activity). */
export type MessageRef = Record<string, unknown> & { platform: 'slack' | 'teams' };

export interface MessageSender {
  platform: 'slack' | 'teams';
  send(target: SendTarget, reply: Reply): Promise<MessageRef>;
  /** Whether a reply fits in one platform message. */
  fits(reply: Reply): boolean;
}

/**
 * - rate_limited: the platform asked us to slow down; retry after `retryAfterMs`.
 * - unreachable: the bot left the channel, was blocked or uninstalled; retrying will not help.
 * - transient: a network or server failure; retry with back-off.
 * - rejected: the platform refused this message as invalid; retrying the same message will not help.
 */
export type DeliveryFailure = 'rate_limited' | 'unreachable' | 'transient' | 'rejected';

export class DeliveryError extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    /** The platform's own code, such as not_in_channel or 403. */
    readonly platformCode: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(`${failure}: ${platformCode}`, options);
    this.name = 'DeliveryError';
  }
}

/** Finds the sender of a platform. A platform not configured on this server is a transient failure, so nothing is paused for it. */
export function senderFor(senders: MessageSender[], platform: 'slack' | 'teams'): MessageSender {
  const sender = senders.find((candidate) => candidate.platform === platform);
  if (!sender) throw new DeliveryError('transient', `${platform}_not_configured`);
  return sender;
}
