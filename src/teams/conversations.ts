// Conversation references for proactive messages: one row per personal chat, channel or group
// chat the bot is installed in, written on install and on the first activity, removed on uninstall.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { and, desc, eq, or } from 'drizzle-orm';

import type { Executor } from '../store/database.js';
import { teamsConversations } from '../store/schema.js';
import { baseConversationId, channelDataOf, scopeOf } from './activity.js';

export type StoredConversation = typeof teamsConversations.$inferSelect;

interface ConversationRow {
  conversationId: string;
  conversationType: string;
  teamId: string | null;
  channelId: string | null;
  serviceUrl: string;
  reference: Partial<ConversationReference>;
}

/** The reference to keep for an activity's conversation: the channel itself, not a thread. */
export function conversationRowOf(activity: Partial<Activity>): ConversationRow | null {
  if (!activity.conversation?.id || !activity.serviceUrl) return null;
  const scope = scopeOf(activity);
  const conversationId = baseConversationId(activity.conversation.id);
  const channelData = channelDataOf(activity);
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  reference.conversation = { ...reference.conversation!, id: conversationId };
  return {
    conversationId,
    conversationType: scope,
    teamId: channelData.team?.id ?? null,
    channelId: scope === 'channel' ? (channelData.channel?.id ?? conversationId) : null,
    serviceUrl: activity.serviceUrl,
    reference,
  };
}

/**
 * Stores or refreshes the reference of an activity's conversation. Returns false when the
 * activity has no conversation or service URL to keep.
 */
export async function saveConversation(db: Executor, tenantId: string, activity: Partial<Activity>, memberId: string | null): Promise<boolean> {
  const row = conversationRowOf(activity);
  if (!row) return false;
  const personalMember = row.conversationType === 'personal' ? memberId : null;
  const values = { ...row, reference: row.reference as Record<string, unknown>, memberId: personalMember };
  await db
    .insert(teamsConversations)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({
      target: [teamsConversations.tenantId, teamsConversations.conversationId],
      set: { ...values, ...(personalMember === null && { memberId: undefined }), updatedAt: new Date() },
    });
  return true;
}

/** Removes one conversation's reference. */
export async function removeConversation(db: Executor, tenantId: string, conversationId: string): Promise<number> {
  const removed = await db
    .delete(teamsConversations)
    .where(and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.conversationId, baseConversationId(conversationId))))
    .returning({ id: teamsConversations.id });
  return removed.length;
}

/** Removes the references of every channel of a team (the bot was removed from the team). */
export async function removeTeamConversations(db: Executor, tenantId: string, teamId: string): Promise<number> {
  const removed = await db
    .delete(teamsConversations)
    .where(
      and(
        eq(teamsConversations.tenantId, tenantId),
        or(eq(teamsConversations.teamId, teamId), eq(teamsConversations.conversationId, teamId)),
      ),
    )
    .returning({ id: teamsConversations.id });
  return removed.length;
}

/** The personal chat between the bot and a member, if the member installed the app. */
export async function findMemberConversation(db: Executor, tenantId: string, memberId: string): Promise<StoredConversation | undefined> {
  const [row] = await db
    .select()
    .from(teamsConversations)
    .where(
      and(
        eq(teamsConversations.tenantId, tenantId),
        eq(teamsConversations.memberId, memberId),
        eq(teamsConversations.conversationType, 'personal'),
      ),
    )
    .orderBy(desc(teamsConversations.updatedAt))
    .limit(1);
  return row;
}

/** A team channel or group chat the bot is installed in, by its conversation or channel id. */
export async function findChannelConversation(db: Executor, tenantId: string, channelId: string): Promise<StoredConversation | undefined> {
  const id = baseConversationId(channelId);
  const [row] = await db
    .select()
    .from(teamsConversations)
    .where(
      and(
        eq(teamsConversations.tenantId, tenantId),
        or(eq(teamsConversations.conversationId, id), eq(teamsConversations.channelId, id)),
      ),
    )
    .limit(1);
  return row;
}

/** Any reference of the tenant that is not a personal chat, newest first: its service URL and bot. */
export async function findTenantConversation(db: Executor, tenantId: string): Promise<StoredConversation | undefined> {
  const [row] = await db
    .select()
    .from(teamsConversations)
    .where(eq(teamsConversations.tenantId, tenantId))
    .orderBy(desc(teamsConversations.updatedAt))
    .limit(1);
  return row;
}

/**
 * Remembers which references this process wrote, so a busy conversation costs one write per
 * hour and per change of service URL or member rather than one per message. The hourly rewrite
 * restores a reference that another process (the job runner, after a 403) deleted.
 */
export class ConversationCache {
  private readonly written = new Map<string, { fingerprint: string; at: number }>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly maxAgeMs = 3_600_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Whether the reference differs from the last one this process wrote, or was written over an hour ago. */
  isStale(tenantId: string, activity: Partial<Activity>, memberId: string | null): boolean {
    const row = conversationRowOf(activity);
    if (!row) return false;
    const entry = this.written.get(`${tenantId}|${row.conversationId}`);
    return !entry || entry.fingerprint !== fingerprint(row, memberId) || this.clock() - entry.at > this.maxAgeMs;
  }

  remember(tenantId: string, activity: Partial<Activity>, memberId: string | null): void {
    const row = conversationRowOf(activity);
    if (!row) return;
    if (this.written.size >= this.maxEntries) this.written.clear();
    this.written.set(`${tenantId}|${row.conversationId}`, { fingerprint: fingerprint(row, memberId), at: this.clock() });
  }

  forget(tenantId: string, conversationId: string): void {
    this.written.delete(`${tenantId}|${baseConversationId(conversationId)}`);
  }

  forgetTenant(tenantId: string): void {
    for (const key of this.written.keys()) if (key.startsWith(`${tenantId}|`)) this.written.delete(key);
  }
}

function fingerprint(row: ConversationRow, memberId: string | null): string {
  return [row.serviceUrl, row.teamId, row.channelId, memberId, row.reference.bot?.id].join('|');
}
