// Reading what Teams puts in an activity: tenant, conversation scope, mentions and command text.
import type { Activity, ChannelAccount } from 'botbuilder';

import { decodeEntities, htmlToText } from './html.js';

export type ConversationScope = 'personal' | 'channel' | 'groupChat';

/** A user mentioned in a message, other than the bot. */
export interface MentionedUser {
  /** Teams user id ("29:…"), used by the Bot Connector. */
  id: string;
  name: string;
  aadObjectId?: string;
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string };
  eventType?: string;
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}

/** Returns the Microsoft Entra tenant of the activity, if Teams sent one. */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  return activity.conversation?.tenantId || channelDataOf(activity).tenant?.id || undefined;
}

export function scopeOf(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || (activity.conversation?.isGroup && type !== 'personal')) return 'groupChat';
  return 'personal';
}

/**
 * The conversation a reference should point at. In a channel, a reply's conversation id ends
 * with ";messageid=…" (the thread); proactive messages go to the channel itself.
 */
export function baseConversationId(conversationId: string): string {
  const cut = conversationId.indexOf(';messageid=');
  return cut < 0 ? conversationId : conversationId.slice(0, cut);
}

/** Returns whether the bot itself is among these members (added to or removed from a conversation). */
export function includesBot(members: ChannelAccount[] | undefined, activity: Partial<Activity>): boolean {
  const botId = activity.recipient?.id;
  return Boolean(botId && members?.some((member) => member.id === botId));
}

interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id?: string; name?: string; aadObjectId?: string };
}

function mentionEntities(activity: Partial<Activity>): MentionEntity[] {
  return ((activity.entities ?? []) as MentionEntity[]).filter((entity) => entity.type === 'mention' && entity.mentioned?.id);
}

/** Users mentioned in a message, without the bot, each once. */
export function mentionedUsers(activity: Partial<Activity>): MentionedUser[] {
  const botId = activity.recipient?.id;
  const seen = new Map<string, MentionedUser>();
  for (const entity of mentionEntities(activity)) {
    const mentioned = entity.mentioned!;
    if (mentioned.id === botId || seen.has(mentioned.id!)) continue;
    const name = mentioned.name?.trim() || mentionLabel(entity.text ?? '') || mentioned.id!;
    seen.set(mentioned.id!, { id: mentioned.id!, name, ...(mentioned.aadObjectId && { aadObjectId: mentioned.aadObjectId }) });
  }
  return [...seen.values()];
}

function mentionLabel(markup: string): string {
  return decodeEntities(markup.replace(/<\/?at>/gi, '')).trim();
}

/**
 * Returns the command a user typed: the bot's own mentions removed, every other <at> mention replaced
 * by `renderMention(user)` (or its plain name), HTML and entities turned into text, and the
 * whitespace collapsed to single spaces.
 */
export function commandTextOf(activity: Partial<Activity>, renderMention: (user: MentionedUser) => string = (user) => user.name): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  const users = new Map(mentionedUsers(activity).map((user) => [user.id, user]));

  // Mentions become numbered placeholders first, so turning the HTML into text keeps them.
  const rendered: string[] = [];
  for (const entity of mentionEntities(activity)) {
    if (!entity.text) continue;
    const user = users.get(entity.mentioned!.id!);
    const replacement = entity.mentioned!.id === botId || !user ? ' ' : ` \u0000${rendered.push(renderMention(user)) - 1}\u0000 `;
    text = text.split(entity.text).join(replacement);
  }

  // A bot mention without a matching entity (seen from some clients) is dropped by its name.
  const botName = activity.recipient?.name;
  if (botName) text = text.replace(new RegExp(`<at>\\s*${escapeRegExp(botName)}\\s*</at>`, 'gi'), ' ');
  return htmlToText(text)
    .replace(/\u0000(\d+)\u0000/g, (_match, index: string) => rendered[Number(index)] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
