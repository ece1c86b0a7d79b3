// The people of a deal: our deal team (members with roles) and their buying committee
// (contacts with a buying role, attitude, influence and motivations).
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import { normalizeName } from '../../domain/names.js';
import type { Executor } from '../../store/database.js';
import { buyingCommitteeMembers, contacts, dealTeamMembers, deals, members } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { WriteOutcome } from '../contacts.js';
import type { AppContext } from '../context.js';
import { VOCABULARY_TRANSLATORS, vocabularyId } from '../deals.js';
import { AppError } from '../errors.js';
import { labelOf, readTenantSettings, type Attitude, type DealSettings, type InfluenceLevel } from '../settings.js';
import { parseInput } from '../validation.js';

type WriteContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'logger'>;

export const teamMemberInput = z.object({
  dealId: z.string().uuid(),
  memberId: z.string().uuid(),
  /** Role id or label; when left out, the member's job title if it names a role, else "other". */
  role: z.string().trim().min(1).max(60).optional(),
});
export type TeamMemberInput = z.input<typeof teamMemberInput>;

/** Adds a member to a deal team, or changes their role on it. */
export async function addTeamMember(ctx: WriteContext, raw: TeamMemberInput): Promise<{ outcome: WriteOutcome; role: string }> {
  const input = parseInput(teamMemberInput, raw);
  const settings = (await readTenantSettings(ctx)).deals;

  return ctx.db.transaction(async (tx) => {
    await requireDeal(tx, ctx.tenantId, input.dealId);
    const [member] = await tx
      .select({ id: members.id, role: members.role })
      .from(members)
      .where(and(eq(members.tenantId, ctx.tenantId), eq(members.id, input.memberId)));
    if (!member) throw new AppError('not_found', 'deals.errors.memberGone');
    const role = input.role ? vocabularyId(settings, 'teamRole', input.role) : roleFromTitle(settings, member.role);

    const [existing] = await tx
      .select()
      .from(dealTeamMembers)
      .where(and(eq(dealTeamMembers.dealId, input.dealId), eq(dealTeamMembers.memberId, input.memberId)))
      .for('update');
    if (existing?.role === role) return { outcome: 'unchanged' as const, role };
    if (existing) await tx.update(dealTeamMembers).set({ role }).where(and(eq(dealTeamMembers.dealId, input.dealId), eq(dealTeamMembers.memberId, input.memberId)));
    else await tx.insert(dealTeamMembers).values({ dealId: input.dealId, memberId: input.memberId, role });
    await recordAudit({ ...ctx, db: tx as never }, { action: existing ? 'deal.team.update' : 'deal.team.add', targetType: 'deal', targetId: input.dealId, details: { memberId: input.memberId, role } });
    return { outcome: existing ? ('updated' as const) : ('created' as const), role };
  });
}

/** Finds the team role whose English or French label the job title contains ("Customer Success Manager"), else "other". */
function roleFromTitle(settings: DealSettings, title: string | null): string {
  const words = ` ${normalizeName(title ?? '')} `;
  const match = settings.teamRoles.find((entry) =>
    entry.id !== 'other' && VOCABULARY_TRANSLATORS.some((t) => words.includes(` ${normalizeName(labelOf(settings, 'teamRole', entry.id, t))} `)),
  );
  return match?.id ?? 'other';
}

/** Takes a member off a deal team; returns whether they were on it. */
export async function removeTeamMember(ctx: WriteContext, raw: { dealId: string; memberId: string }): Promise<{ removed: boolean }> {
  const input = parseInput(teamMemberInput.pick({ dealId: true, memberId: true }), raw);
  return ctx.db.transaction(async (tx) => {
    await requireDeal(tx, ctx.tenantId, input.dealId);
    const removed = await tx
      .delete(dealTeamMembers)
      .where(and(eq(dealTeamMembers.dealId, input.dealId), eq(dealTeamMembers.memberId, input.memberId)))
      .returning({ memberId: dealTeamMembers.memberId });
    if (removed.length > 0) await recordAudit({ ...ctx, db: tx as never }, { action: 'deal.team.remove', targetType: 'deal', targetId: input.dealId, details: { memberId: input.memberId } });
    return { removed: removed.length > 0 };
  });
}

export const committeeMemberInput = z.object({
  dealId: z.string().uuid(),
  contactId: z.string().uuid(),
  /** Buying-role id or label; required when the contact joins the committee. */
  role: z.string().trim().min(1).max(60).optional(),
  attitude: z.string().trim().min(1).max(60).optional(),
  influence: z.string().trim().min(1).max(60).optional(),
  motivations: z.string().trim().max(1000).optional().nullable(),
  motivationTags: z.array(z.string().trim().min(1).max(60)).max(12).optional(),
});
export type CommitteeMemberInput = z.input<typeof committeeMemberInput>;

export interface CommitteeValues {
  role?: string;
  attitude?: Attitude;
  influence?: InfluenceLevel;
  motivations?: string | null;
  motivationTags?: string[];
}

/** Reads typed vocabulary (ids or labels in either language) into ids. */
function committeeValues(settings: DealSettings, input: z.output<typeof committeeMemberInput>): CommitteeValues {
  return {
    ...(input.role !== undefined && { role: vocabularyId(settings, 'committeeRole', input.role) }),
    ...(input.attitude !== undefined && { attitude: vocabularyId(settings, 'attitude', input.attitude) as Attitude }),
    ...(input.influence !== undefined && { influence: vocabularyId(settings, 'influence', input.influence) as InfluenceLevel }),
    ...(input.motivations !== undefined && { motivations: input.motivations || null }),
    ...(input.motivationTags !== undefined && { motivationTags: [...new Set(input.motivationTags.map((tag) => vocabularyId(settings, 'motivationTag', tag)))] }),
  };
}

/**
 * Adds a contact of the deal's account to its buying committee, or updates their role,
 * attitude, influence or motivations. Fields left out keep their value.
 */
export async function addCommitteeMember(ctx: WriteContext, raw: CommitteeMemberInput): Promise<{ outcome: WriteOutcome; values: CommitteeValues }> {
  const input = parseInput(committeeMemberInput, raw);
  const values = committeeValues((await readTenantSettings(ctx)).deals, input);

  return ctx.db.transaction(async (tx) => {
    const deal = await requireDeal(tx, ctx.tenantId, input.dealId);
    const [contact] = await tx
      .select({ accountId: contacts.accountId })
      .from(contacts)
      .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, input.contactId)));
    if (!contact) throw new AppError('not_found', 'deals.errors.contactGone');
    if (contact.accountId !== deal.accountId) throw new AppError('invalid_input', 'deals.errors.contactOtherAccount');

    const where = and(eq(buyingCommitteeMembers.dealId, input.dealId), eq(buyingCommitteeMembers.contactId, input.contactId));
    const [existing] = await tx.select().from(buyingCommitteeMembers).where(where).for('update');
    if (!existing) {
      if (!values.role) throw new AppError('invalid_input', 'deals.errors.roleRequired');
      await tx.insert(buyingCommitteeMembers).values({ dealId: input.dealId, contactId: input.contactId, ...values, role: values.role });
      await recordAudit({ ...ctx, db: tx as never }, { action: 'deal.committee.add', targetType: 'deal', targetId: input.dealId, details: { contactId: input.contactId, role: values.role, attitude: values.attitude ?? 'neutral' } });
      return { outcome: 'created' as const, values };
    }

    const changed = Object.entries(values).filter(([key, value]) => JSON.stringify(existing[key as keyof typeof existing]) !== JSON.stringify(value));
    if (changed.length === 0) return { outcome: 'unchanged' as const, values };
    await tx.update(buyingCommitteeMembers).set({ ...values, updatedAt: ctx.now() }).where(where);
    await recordAudit({ ...ctx, db: tx as never }, { action: 'deal.committee.update', targetType: 'deal', targetId: input.dealId, details: { contactId: input.contactId, changed: changed.map(([key]) => key) } });
    return { outcome: 'updated' as const, values };
  });
}

/** Takes a contact off a deal's buying committee; returns whether they were on it. */
export async function removeCommitteeMember(ctx: WriteContext, raw: { dealId: string; contactId: string }): Promise<{ removed: boolean }> {
  const input = parseInput(committeeMemberInput.pick({ dealId: true, contactId: true }), raw);
  return ctx.db.transaction(async (tx) => {
    await requireDeal(tx, ctx.tenantId, input.dealId);
    const removed = await tx
      .delete(buyingCommitteeMembers)
      .where(and(eq(buyingCommitteeMembers.dealId, input.dealId), eq(buyingCommitteeMembers.contactId, input.contactId)))
      .returning({ contactId: buyingCommitteeMembers.contactId });
    if (removed.length > 0) await recordAudit({ ...ctx, db: tx as never }, { action: 'deal.committee.remove', targetType: 'deal', targetId: input.dealId, details: { contactId: input.contactId } });
    return { removed: removed.length > 0 };
  });
}

async function requireDeal(db: Executor, tenantId: string, dealId: string): Promise<{ id: string; accountId: string }> {
  const [deal] = await db.select({ id: deals.id, accountId: deals.accountId }).from(deals).where(and(eq(deals.tenantId, tenantId), eq(deals.id, dealId))).for('update');
  if (!deal) throw new AppError('not_found', 'deals.errors.gone');
  return deal;
}
