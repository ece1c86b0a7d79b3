// A member who leaves: an admin transfers their relationships to another member or deletes them,
// and the member is made inactive with their open requests and outreach closed.
import { and, eq, inArray, sql } from 'drizzle-orm';

import type { Executor } from '../../store/database.js';
import { introductionRequests, members, outreachAssignments, relationshipHistory, relationships, updateRequests, type Relationship } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { resolveMember } from '../lookup.js';
import { requireAdmin } from './admins.js';

type AdminContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'> & Partial<Pick<AppContext, 'configuredAdmins'>>;

export type DepartureChoice = { transferTo: string } | { delete: true };

export interface DepartureReport {
  member: { id: string; name: string };
  transferredTo: { id: string; name: string } | null;
  /** Relationships moved to the other member as they were. */
  moved: number;
  /** Relationships the other member already had, kept with the stronger strength and later last contact. */
  merged: number;
  deleted: number;
}

/** Records a member's departure (admins only), in one transaction. */
export async function recordMemberDeparture(ctx: AdminContext, memberQuery: string, choice: DepartureChoice): Promise<DepartureReport> {
  await requireAdmin(ctx);
  const leaver = await resolveMember(ctx, memberQuery);
  const heir = 'transferTo' in choice ? await resolveMember(ctx, choice.transferTo) : null;
  if (heir && heir.id === leaver.id) throw new AppError('invalid_input', 'charter.leave.sameMember', { member: leaver.label });
  if (heir && !(await isActive(ctx, heir.id))) throw new AppError('invalid_input', 'charter.leave.heirInactive', { member: heir.label });

  return ctx.db.transaction(async (tx) => {
    const owned = await tx.select().from(relationships).where(and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, leaver.id))).for('update');
    const counts = heir ? await transferRelationships(tx, ctx, owned, heir.id) : { moved: 0, merged: 0, deleted: await deleteRelationships(tx, owned) };
    await closeOpenWork(tx, ctx, leaver.id);
    await tx.update(members).set({ active: false, updatedAt: ctx.now() }).where(eq(members.id, leaver.id));

    const report: DepartureReport = { member: { id: leaver.id, name: leaver.label }, transferredTo: heir ? { id: heir.id, name: heir.label } : null, ...counts };
    const details = { mode: heir ? 'transfer' : 'delete', ...(heir && { transferTo: heir.id }), ...counts };
    await recordAudit({ ...ctx, db: tx as never }, { action: 'member.leave', targetType: 'member', targetId: leaver.id, details });
    return report;
  });
}

async function isActive(ctx: AdminContext, memberId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ active: members.active }).from(members).where(and(eq(members.tenantId, ctx.tenantId), eq(members.id, memberId)));
  return row?.active === true;
}

async function transferRelationships(db: Executor, ctx: AdminContext, owned: Relationship[], heirId: string): Promise<Omit<DepartureReport, 'member' | 'transferredTo'>> {
  if (owned.length === 0) return { moved: 0, merged: 0, deleted: 0 };
  const existing = await db
    .select()
    .from(relationships)
    .where(and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, heirId), inArray(relationships.contactId, owned.map((row) => row.contactId))));
  const heirs = new Map(existing.map((row) => [row.contactId, row]));
  let moved = 0;
  let merged = 0;

  for (const relationship of owned) {
    const kept = heirs.get(relationship.contactId);
    if (kept) {
      // The other member knew the person already: keep their relationship, with what is best of both.
      const later = [kept.lastContactOn, relationship.lastContactOn].filter((day): day is string => day !== null).sort().at(-1) ?? null;
      await db.update(relationships).set({ strength: Math.max(kept.strength, relationship.strength), lastContactOn: later, updatedAt: ctx.now() }).where(eq(relationships.id, kept.id));
      await db.delete(relationships).where(eq(relationships.id, relationship.id));
      merged += 1;
      continue;
    }
    await db.update(relationships).set({ memberId: heirId, source: 'colleague', updatedAt: ctx.now() }).where(eq(relationships.id, relationship.id));
    await db.insert(relationshipHistory).values({ tenantId: ctx.tenantId, relationshipId: relationship.id, field: 'member', oldValue: relationship.memberId, newValue: heirId, changedBy: ctx.actor?.memberId ?? null, changedAt: ctx.now() });
    moved += 1;
  }
  return { moved, merged, deleted: 0 };
}

async function deleteRelationships(db: Executor, owned: Relationship[]): Promise<number> {
  if (owned.length === 0) return 0;
  await db.delete(relationships).where(inArray(relationships.id, owned.map((row) => row.id)));
  return owned.length;
}

/** Closes what waits on the member: their open outreach, their update requests and introduction requests. */
async function closeOpenWork(db: Executor, ctx: AdminContext, memberId: string): Promise<void> {
  const now = ctx.now();
  await db
    .update(outreachAssignments)
    .set({ status: 'dropped', closedAt: now })
    .where(and(eq(outreachAssignments.tenantId, ctx.tenantId), eq(outreachAssignments.memberId, memberId), eq(outreachAssignments.status, 'open')));
  await db
    .update(updateRequests)
    .set({ status: 'expired' })
    .where(and(eq(updateRequests.tenantId, ctx.tenantId), eq(updateRequests.memberId, memberId), inArray(updateRequests.status, ['pending', 'sent', 'snoozed'])));
  await db
    .update(introductionRequests)
    .set({ status: 'closed', answeredAt: now })
    .where(and(eq(introductionRequests.tenantId, ctx.tenantId), eq(introductionRequests.status, 'pending'), sql`(${introductionRequests.ownerId} = ${memberId} or ${introductionRequests.requesterId} = ${memberId})`));
}
