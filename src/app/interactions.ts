// Interactions: meetings, calls and messages between our members and customer contacts.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';

import { interactionContacts, interactionMembers, interactions, relationships } from '../store/schema.js';
import type { AppContext } from './context.js';
import { isoDate, parseInput } from './validation.js';

export const INTERACTION_CHANNELS = ['meeting', 'call', 'email', 'chat', 'event', 'other'] as const;

export const interactionInput = z.object({
  occurredOn: isoDate(),
  channel: z.enum(INTERACTION_CHANNELS).default('meeting'),
  memberIds: z.array(z.string().uuid()).min(1).max(50),
  contactIds: z.array(z.string().uuid()).min(1).max(50),
  accountId: z.string().uuid().optional(),
  note: z.string().trim().max(4000).optional().nullable(),
  messageLink: z.string().trim().url().max(1000).optional().nullable(),
});
export type InteractionInput = z.input<typeof interactionInput>;

/**
 * Logs an interaction and moves the last-contact date of the relationships between its members
 * and contacts forward to it (never backwards).
 */
export async function logInteraction(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'>, raw: InteractionInput): Promise<{ interactionId: string }> {
  const input = parseInput(interactionInput, raw);
  const memberIds = [...new Set(input.memberIds)];
  const contactIds = [...new Set(input.contactIds)];
  return ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(interactions)
      .values({
        tenantId: ctx.tenantId,
        accountId: input.accountId ?? null,
        occurredOn: input.occurredOn,
        channel: input.channel,
        note: input.note ?? null,
        messageLink: input.messageLink ?? null,
        createdBy: ctx.actor?.memberId ?? null,
      })
      .returning({ id: interactions.id });
    await tx.insert(interactionMembers).values(memberIds.map((memberId) => ({ interactionId: created!.id, memberId })));
    await tx.insert(interactionContacts).values(contactIds.map((contactId) => ({ interactionId: created!.id, contactId })));
    await tx
      .update(relationships)
      .set({ lastContactOn: input.occurredOn, updatedAt: ctx.now() })
      .where(
        and(
          eq(relationships.tenantId, ctx.tenantId),
          inArray(relationships.memberId, memberIds),
          inArray(relationships.contactId, contactIds),
          sql`(${relationships.lastContactOn} is null or ${relationships.lastContactOn} < ${input.occurredOn})`,
        ),
      );
    return { interactionId: created!.id };
  });
}
