// Slack adapter of the message sender: posts a Reply rendered as Block Kit with chat.postMessage,
// with the bot token of the tenant's installation. Rate limits are handled here, not inside the
// Web API client, so a throttled call waits a bounded time and is logged instead of stalling.
import { ErrorCode, LogLevel, WebClient, type Logger as SlackLogger } from '@slack/web-api';
import { and, desc, eq } from 'drizzle-orm';

import type { Reply } from '../../app/reply.js';
import type { Logger } from '../../config/logger.js';
import type { Database } from '../../store/database.js';
import { LIMITS, renderBlocks, textSize } from '../../slack/render/blocks.js';
import { escapeMrkdwn, truncate } from '../../slack/render/mrkdwn.js';
import { members, slackInstallations } from '../../store/schema.js';
import { DeliveryError, type MessageRef, type MessageSender, type SendTarget } from './types.js';

/** A Block Kit message: the plain-text fallback and the blocks. */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

export interface SlackSenderOptions {
  db: Database;
  logger: Logger;
  /** Turns a Reply into Block Kit; the Slack adapter's renderer when left out. */
  render?: (reply: Reply) => SlackMessage;
  /** Web API base URL; tests point it at a local fake Slack API. */
  slackApiUrl?: string;
  /** Bot token of a single-workspace setup (SLACK_BOT_TOKEN), used for tenants with no installation row. */
  defaultBotToken?: string;
  /** Longest Retry-After waited in place before the send is deferred to a later attempt. */
  maxRateLimitWaitMs?: number;
  wait?: (ms: number) => Promise<void>;
}

/** Renders a Reply as Block Kit, the way the Slack adapter renders every reply. */
export function renderSlackMessage(reply: Reply): SlackMessage {
  return { text: truncate(escapeMrkdwn(reply.text), LIMITS.fallbackText), blocks: renderBlocks(reply.blocks) };
}

// Slack error codes after which posting to that destination again cannot succeed.
const UNREACHABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'account_inactive', 'invalid_auth', 'token_revoked', 'token_expired', 'not_authed', 'team_access_not_granted', 'user_not_found', 'cannot_dm_bot', 'restricted_action', 'ekm_access_denied', 'org_login_required']);
const REJECTED = new Set(['msg_blocks_too_long', 'invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'too_many_attachments', 'invalid_arguments', 'no_text']);

/** Creates the Slack sender. */
export function createSlackSender(options: SlackSenderOptions): MessageSender {
  const maxWaitMs = options.maxRateLimitWaitMs ?? 30_000;
  const render = options.render ?? renderSlackMessage;
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const clients = new Map<string, WebClient>();

  const clientFor = async (tenantId: string): Promise<WebClient> => {
    const [installation] = await options.db
      .select({ botToken: slackInstallations.botToken })
      .from(slackInstallations)
      .where(eq(slackInstallations.tenantId, tenantId))
      .orderBy(desc(slackInstallations.updatedAt))
      .limit(1);
    const botToken = installation?.botToken ?? options.defaultBotToken;
    if (!botToken) throw new DeliveryError('unreachable', 'not_installed');
    let client = clients.get(botToken);
    if (!client) {
      client = new WebClient(botToken, {
        ...(options.slackApiUrl && { slackApiUrl: options.slackApiUrl }),
        // Throttled calls come back to us at once; network and 5xx failures get two quick retries.
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
        timeout: 20_000,
        logger: slackLogger(options.logger),
        logLevel: LogLevel.WARN,
      });
      clients.set(botToken, client);
    }
    return client;
  };

  const channelOf = async (target: SendTarget): Promise<string> => {
    if (target.channelId) return target.channelId;
    const [member] = await options.db
      .select({ slackUserId: members.slackUserId })
      .from(members)
      .where(and(eq(members.tenantId, target.tenantId), eq(members.id, target.memberId!)));
    if (!member?.slackUserId) throw new DeliveryError('unreachable', 'no_slack_user');
    // Posting to a user id delivers to the bot's direct message with that user.
    return member.slackUserId;
  };

  const call = async <T>(tenantId: string, method: string, request: (client: WebClient) => Promise<T>): Promise<T> => {
    const client = await clientFor(tenantId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(client);
      } catch (error) {
        const retryAfterMs = rateLimitDelay(error);
        if (retryAfterMs === null) throw translate(error);
        options.logger.warn({ tenantId, method, retryAfterMs, attempt }, 'rate_limited: Slack asked us to slow down');
        if (attempt > 1 || retryAfterMs > maxWaitMs) throw new DeliveryError('rate_limited', 'ratelimited', retryAfterMs, { cause: error });
        await wait(retryAfterMs);
      }
    }
  };

  return {
    platform: 'slack',

    fits(reply: Reply): boolean {
      // Block Kit allows 50 blocks a message, and chat.postMessage fails with msg_blocks_too_long
      // past about 12,000 characters of block text. LIMITS keeps a margin under the latter.
      const message = render(reply);
      const text = message.blocks.reduce<number>((sum, block) => sum + textSize(block as Parameters<typeof textSize>[0]), 0);
      return message.blocks.length <= LIMITS.messageBlocks && text <= LIMITS.messageText;
    },

    async send(target: SendTarget, reply: Reply): Promise<MessageRef> {
      const channel = await channelOf(target);
      const message = render(reply);
      const result = await call(target.tenantId, 'chat.postMessage', (client) => client.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false }));
      return { platform: 'slack', channel: result.channel ?? channel, ts: result.ts ?? null };
    },
  };
}

function rateLimitDelay(error: unknown): number | null {
  const coded = error as { code?: string; retryAfter?: number };
  if (coded?.code !== ErrorCode.RateLimitedError) return null;
  return Math.max(1, coded.retryAfter ?? 1) * 1000;
}

function translate(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const coded = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (coded?.code === ErrorCode.PlatformError) {
    const platformCode = coded.data?.error ?? 'unknown_error';
    if (UNREACHABLE.has(platformCode)) return new DeliveryError('unreachable', platformCode, undefined, { cause: error });
    if (REJECTED.has(platformCode)) return new DeliveryError('rejected', platformCode, undefined, { cause: error });
    return new DeliveryError('transient', platformCode, undefined, { cause: error });
  }
  if (coded?.code === ErrorCode.HTTPError) return new DeliveryError('transient', `http_${coded.statusCode ?? 'error'}`, undefined, { cause: error });
  return new DeliveryError('transient', 'request_failed', undefined, { cause: error });
}

/** Routes the Web API client's own log lines into pino. */
function slackLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack-web-api' });
  let level = LogLevel.WARN;
  return {
    debug: (...messages: unknown[]) => child.debug(messages.map(String).join(' ')),
    info: (...messages: unknown[]) => child.info(messages.map(String).join(' ')),
    warn: (...messages: unknown[]) => child.warn(messages.map(String).join(' ')),
    error: (...messages: unknown[]) => child.error(messages.map(String).join(' ')),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
