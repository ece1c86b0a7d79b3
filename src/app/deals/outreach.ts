// Outreach assignments: "you reach this contact for this deal", made from a coverage
// recommendation, and the result logged afterwards.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import { contacts, deals, members, outreachAssignments, relationships } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { logInteraction } from '../interactions.js';
import { logRelationship } from '../relationships.js';
import { isoDate, parseInput } from '../validation.js';

type WriteContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'logger'>;
export type OutreachAssignment = typeof outreachAssignments.$inferSelect;

export const OUTREACH_OUTCOMES = ['reached', 'no_response', 'declined'] as const;
export type OutreachOutcome = (typeof OUTREACH_OUTCOMES)[number];

export const assignOutreachInput = z.object({
  dealId: z.string().uuid(),
  contactId: z.string().uuid(),
  memberId: z.string().uuid(),
  viaMemberId: z.string().uuid().optional().nullable(),
  viaContactId: z.string().uuid().optional().nullable(),
});
export type AssignOutreachInput = z.input<typeof assignOutreachInput>;

/**
 * Assigns a member to reach a committee member of a deal. An open assignment for the same deal
 * and contact is handed over to the new member rather than duplicated.
 */
export async function assignOutreach(ctx: WriteContext, raw: AssignOutreachInput): Promise<{ assignment: OutreachAssignment; outcome: 'created' | 'updated' | 'unchanged' }> {
  const input = parseInput(assignOutreachInput, raw);
  return ctx.db.transaction(async (tx) => {
    await requireSameTenant(tx as never, ctx.tenantId, input);
    const where = and(eq(outreachAssignments.dealId, input.dealId), eq(outreachAssignments.contactId, input.contactId), eq(outreachAssignments.status, 'open'));
    const [open] = await tx.select().from(outreachAssignments).where(where).for('update');
    const via = { viaMemberId: input.viaMemberId ?? null, viaContactId: input.viaContactId ?? null };
    if (open && open.memberId === input.memberId) return { assignment: open, outcome: 'unchanged' as const };

    const [assignment] = open
      ? await tx.update(outreachAssignments).set({ memberId: input.memberId, ...via, assignedBy: ctx.actor?.memberId ?? null }).where(eq(outreachAssignments.id, open.id)).returning()
      : await tx
          .insert(outreachAssignments)
          .values({ tenantId: ctx.tenantId, dealId: input.dealId, contactId: input.contactId, memberId: input.memberId, ...via, assignedBy: ctx.actor?.memberId ?? null })
          .returning();
    await recordAudit({ ...ctx, db: tx as never }, { action: open ? 'outreach.reassign' : 'outreach.assign', targetType: 'outreach', targetId: assignment!.id, details: { dealId: input.dealId, contactId: input.contactId, memberId: input.memberId } });
    return { assignment: assignment!, outcome: open ? ('updated' as const) : ('created' as const) };
  });
}

async function requireSameTenant(db: AppContext['db'], tenantId: string, input: z.output<typeof assignOutreachInput>): Promise<void> {
  const [deal] = await db.select({ accountId: deals.accountId }).from(deals).where(and(eq(deals.tenantId, tenantId), eq(deals.id, input.dealId)));
  if (!deal) throw new AppError('not_found', 'deals.errors.gone');
  const [contact] = await db.select({ accountId: contacts.accountId }).from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, input.contactId)));
  if (!contact) throw new AppError('not_found', 'deals.errors.contactGone');
  if (contact.accountId !== deal.accountId) throw new AppError('invalid_input', 'deals.errors.contactOtherAccount');
  const [member] = await db.select({ id: members.id }).from(members).where(and(eq(members.tenantId, tenantId), eq(members.id, input.memberId), eq(members.active, true)));
  if (!member) throw new AppError('not_found', 'deals.errors.memberGone');
}

export const outreachResultInput = z.object({
  dealId: z.string().uuid(),
  contactId: z.string().uuid(),
  outcome: z.enum(OUTREACH_OUTCOMES),
  /** Day of the outreach, YYYY-MM-DD; today when left out. */
  occurredOn: isoDate().optional(),
  note: z.string().trim().max(2000).optional().nullable(),
  /** Strength of the relationship after a reached outreach (1–5); left out keeps the current one or sets 2. */
  strength: z.coerce.number().int().min(1).max(5).optional(),
});
export type OutreachResultInput = z.input<typeof outreachResultInput>;

/**
 * Closes the open assignment for a deal and contact with its outcome. A reached contact also
 * logs an interaction (moving the relationship's last contact forward) and, when the member did
 * not know the contact yet or a strength is given, records the relationship.
 */
export async function recordOutreachResult(ctx: WriteContext, raw: OutreachResultInput): Promise<{ assignment: OutreachAssignment }> {
  const input = parseInput(outreachResultInput, raw);
  const occurredOn = input.occurredOn ?? ctx.now().toISOString().slice(0, 10);

  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx as unknown as AppContext['db'] };
    const where = and(eq(outreachAssignments.tenantId, ctx.tenantId), eq(outreachAssignments.dealId, input.dealId), eq(outreachAssignments.contactId, input.contactId), eq(outreachAssignments.status, 'open'));
    const [open] = await tx.select().from(outreachAssignments).where(where).for('update');
    if (!open) throw new AppError('not_found', 'deals.errors.noOpenAssignment');

    if (input.outcome === 'reached') {
      const [deal] = await tx.select({ accountId: deals.accountId }).from(deals).where(eq(deals.id, input.dealId));
      await logInteraction(txCtx, { occurredOn, channel: 'other', memberIds: [open.memberId], contactIds: [input.contactId], accountId: deal!.accountId, note: input.note ?? null });
      await recordReachedRelationship(txCtx, open.memberId, input.contactId, occurredOn, input.strength);
    }
    const [closed] = await tx
      .update(outreachAssignments)
      .set({ status: 'done', outcome: input.outcome, note: input.note ?? null, closedAt: ctx.now() })
      .where(eq(outreachAssignments.id, open.id))
      .returning();
    await recordAudit(txCtx, { action: 'outreach.result', targetType: 'outreach', targetId: open.id, details: { outcome: input.outcome } });
    return { assignment: closed! };
  });
}

async function recordReachedRelationship(ctx: WriteContext, memberId: string, contactId: string, occurredOn: string, strength: number | undefined): Promise<void> {
  const [existing] = await ctx.db
    .select({ strength: relationships.strength })
    .from(relationships)
    .where(and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, memberId), eq(relationships.contactId, contactId)));
  if (existing && strength === undefined) return;
  // The interaction already moved an existing relationship's last contact forward, never back.
  await logRelationship(ctx, { memberId, contactId, strength: strength ?? existing?.strength ?? 2, ...(!existing && { lastContactOn: occurredOn }) });
}
